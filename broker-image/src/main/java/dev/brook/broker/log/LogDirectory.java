package dev.brook.broker.log;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.KafkaStorageException;

/**
 * One configured log directory: its exclusive {@code .lock} (two brokers must never share a
 * directory), its clean-shutdown marker, and the naming of partition directories in it.
 */
final class LogDirectory {

  static final String LOCK_FILE = ".lock";
  static final String CLEAN_SHUTDOWN_FILE = ".brook-clean-shutdown";

  private final Path path;
  private FileChannel lockChannel;
  private FileLock lock;

  LogDirectory(Path path) {
    this.path = path;
  }

  Path path() {
    return path;
  }

  void lock() throws IOException {
    Files.createDirectories(path);
    lockChannel =
        FileChannel.open(
            path.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    try {
      lock = lockChannel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      lockChannel.close();
      throw new KafkaStorageException("Log directory " + path + " is in use by another broker");
    }
  }

  void unlock() throws IOException {
    if (lock != null) {
      lock.release();
      lockChannel.close();
      lock = null;
    }
  }

  boolean hadCleanShutdown() {
    return Files.exists(path.resolve(CLEAN_SHUTDOWN_FILE));
  }

  /** Written last at shutdown and removed once startup has loaded every log. */
  void writeCleanShutdownMarker() {
    new CheckpointFile(path.resolve(CLEAN_SHUTDOWN_FILE), 0).write(List.of());
  }

  void deleteCleanShutdownMarker() {
    new CheckpointFile(path.resolve(CLEAN_SHUTDOWN_FILE), 0).delete();
  }

  static String partitionDirName(TopicPartition tp) {
    return tp.topic() + "-" + tp.partition();
  }

  /** The partition a directory named {@code <topic>-<partition>} holds, if the name is one. */
  static Optional<TopicPartition> parsePartitionDir(String name) {
    int dash = name.lastIndexOf('-');
    if (dash <= 0 || dash == name.length() - 1) {
      return Optional.empty();
    }
    String partition = name.substring(dash + 1);
    if (!partition.chars().allMatch(Character::isDigit) || partition.length() > 9) {
      return Optional.empty();
    }
    return Optional.of(new TopicPartition(name.substring(0, dash), Integer.parseInt(partition)));
  }

  static boolean isDeletedPartitionDir(String name) {
    return name.endsWith(LogFiles.DELETE_DIR_SUFFIX);
  }
}
