package dev.brook.broker.producer;

import java.nio.file.Path;
import java.util.OptionalLong;

/** Names of producer snapshot files: the 20-digit offset they were taken at, then ".snapshot". */
final class ProducerSnapshots {

  static final String SUFFIX = ".snapshot";

  private ProducerSnapshots() {}

  static Path file(Path dir, long offset) {
    return dir.resolve(String.format("%020d", offset) + SUFFIX);
  }

  static OptionalLong offsetOf(String fileName) {
    if (!fileName.endsWith(SUFFIX)) {
      return OptionalLong.empty();
    }
    String prefix = fileName.substring(0, fileName.length() - SUFFIX.length());
    if (prefix.length() != 20 || !prefix.chars().allMatch(Character::isDigit)) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(Long.parseLong(prefix));
  }
}
