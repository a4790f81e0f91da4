package dev.brook.broker.log;

import java.io.File;
import java.util.OptionalLong;

/**
 * File names inside a partition directory: every segment file is named by its 20-digit base offset.
 */
public final class LogFiles {

  public static final String LOG_SUFFIX = ".log";
  public static final String INDEX_SUFFIX = ".index";
  public static final String TIME_INDEX_SUFFIX = ".timeindex";

  /** Appended to the files of a segment waiting for {@code file.delete.delay.ms} to pass. */
  public static final String DELETED_SUFFIX = ".deleted";

  /** Appended to a partition directory being deleted: {@code <topic>-<p>.<uuid>-delete}. */
  public static final String DELETE_DIR_SUFFIX = "-delete";

  private LogFiles() {}

  public static String filenamePrefix(long offset) {
    return String.format("%020d", offset);
  }

  public static File logFile(File dir, long baseOffset) {
    return new File(dir, filenamePrefix(baseOffset) + LOG_SUFFIX);
  }

  public static File offsetIndexFile(File dir, long baseOffset) {
    return new File(dir, filenamePrefix(baseOffset) + INDEX_SUFFIX);
  }

  public static File timeIndexFile(File dir, long baseOffset) {
    return new File(dir, filenamePrefix(baseOffset) + TIME_INDEX_SUFFIX);
  }

  /** The offset a file is named after, if its name is 20 digits followed by {@code suffix}. */
  public static OptionalLong offsetFromName(String fileName, String suffix) {
    if (!fileName.endsWith(suffix)) {
      return OptionalLong.empty();
    }
    String prefix = fileName.substring(0, fileName.length() - suffix.length());
    if (prefix.length() != 20 || !prefix.chars().allMatch(Character::isDigit)) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(Long.parseLong(prefix));
  }
}
