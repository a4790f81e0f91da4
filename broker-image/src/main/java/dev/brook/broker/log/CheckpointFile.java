package dev.brook.broker.log;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32C;
import org.apache.kafka.common.errors.KafkaStorageException;

/**
 * A small versioned text file of entry lines with a checksum, written atomically:
 *
 * <pre>
 * &lt;version&gt;
 * &lt;entry count&gt;
 * &lt;entry line&gt;   (count times; fields separated by single spaces)
 * crc32c &lt;8 hex digits&gt;   (CRC-32C of all preceding bytes)
 * </pre>
 *
 * Writes go to {@code <name>.tmp}, are forced, then renamed over the file, so a reader sees the old
 * or the new content, never a mix. A file that fails its checksum or version reads as absent.
 */
public final class CheckpointFile {

  private final Path file;
  private final int version;

  public CheckpointFile(Path file, int version) {
    this.file = file;
    this.version = version;
  }

  public Path file() {
    return file;
  }

  public void write(List<String> entryLines) {
    StringBuilder text = new StringBuilder();
    text.append(version).append('\n').append(entryLines.size()).append('\n');
    for (String line : entryLines) {
      text.append(line).append('\n');
    }
    String checksum = crcHex(text.toString());
    text.append("crc32c ").append(checksum).append('\n');
    Path temp = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      try (FileChannel channel =
          FileChannel.open(
              temp,
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE,
              StandardOpenOption.TRUNCATE_EXISTING)) {
        channel.write(java.nio.ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8)));
        channel.force(true);
      }
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new KafkaStorageException("Cannot write checkpoint " + file, e);
    }
  }

  /** The entry lines, or empty when the file is missing or not valid. */
  public Optional<List<String>> read() {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new KafkaStorageException("Cannot read checkpoint " + file, e);
    }
    return parse(lines);
  }

  private Optional<List<String>> parse(List<String> lines) {
    if (lines.size() < 3) {
      return Optional.empty();
    }
    String crcLine = lines.get(lines.size() - 1);
    List<String> body = lines.subList(0, lines.size() - 1);
    String bodyText = String.join("\n", body) + "\n";
    if (!crcLine.equals("crc32c " + crcHex(bodyText))) {
      return Optional.empty();
    }
    try {
      if (Integer.parseInt(body.get(0)) != version) {
        return Optional.empty();
      }
      int count = Integer.parseInt(body.get(1));
      if (count != body.size() - 2) {
        return Optional.empty();
      }
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    return Optional.of(new ArrayList<>(body.subList(2, body.size())));
  }

  public void delete() {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new KafkaStorageException("Cannot delete " + file, e);
    }
  }

  private static String crcHex(String text) {
    CRC32C crc = new CRC32C();
    crc.update(text.getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().toHexDigits((int) crc.getValue());
  }
}
