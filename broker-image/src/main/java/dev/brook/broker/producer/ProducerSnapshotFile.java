package dev.brook.broker.producer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.zip.CRC32C;
import org.apache.kafka.common.errors.CorruptRecordException;

/**
 * Reads and writes producer-state snapshots, {@code <offset>.snapshot}: the state of every producer
 * after applying all batches below {@code offset}.
 *
 * <pre>
 * int32 version (1)
 * int32 producer count
 * per producer: int64 producerId, int16 epoch, int64 lastTimestamp, int8 batch count,
 *   per batch (oldest first): int32 firstSeq, int32 lastSeq, int64 firstOffset,
 *                             int64 lastOffset, int64 timestamp
 * int32 CRC-32C of every preceding byte
 * </pre>
 *
 * Written to a temporary file, forced, then atomically renamed, so a snapshot is whole or absent.
 */
final class ProducerSnapshotFile {

  static final int VERSION = 1;
  private static final int BATCH_BYTES = 4 + 4 + 8 + 8 + 8;
  private static final int PRODUCER_BYTES = 8 + 2 + 8 + 1;

  private ProducerSnapshotFile() {}

  static void write(Path file, Collection<ProducerStateEntry> entries) throws IOException {
    int size = 8 + 4;
    for (ProducerStateEntry entry : entries) {
      size += PRODUCER_BYTES + entry.batches().size() * BATCH_BYTES;
    }
    ByteBuffer buffer = ByteBuffer.allocate(size);
    buffer.putInt(VERSION).putInt(entries.size());
    for (ProducerStateEntry entry : entries) {
      buffer.putLong(entry.producerId()).putShort(entry.producerEpoch());
      buffer.putLong(entry.lastTimestamp()).put((byte) entry.batches().size());
      for (BatchMetadata batch : entry.batches()) {
        buffer.putInt(batch.firstSeq()).putInt(batch.lastSeq());
        buffer.putLong(batch.firstOffset()).putLong(batch.lastOffset()).putLong(batch.timestamp());
      }
    }
    buffer.putInt(crc(buffer.array(), size - 4));
    buffer.flip();
    Path temp = file.resolveSibling(file.getFileName() + ".tmp");
    try (FileChannel channel =
        FileChannel.open(
            temp,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(true);
    }
    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  /**
   * @throws CorruptRecordException when the file is truncated, has another version or fails its CRC
   */
  static List<ProducerStateEntry> read(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    if (bytes.length < 12) {
      throw new CorruptRecordException("Producer snapshot " + file + " is truncated");
    }
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    int storedCrc = buffer.getInt(bytes.length - 4);
    if (storedCrc != crc(bytes, bytes.length - 4)) {
      throw new CorruptRecordException("Producer snapshot " + file + " fails its CRC");
    }
    int version = buffer.getInt();
    if (version != VERSION) {
      throw new CorruptRecordException("Producer snapshot " + file + " has version " + version);
    }
    int count = buffer.getInt();
    List<ProducerStateEntry> entries = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      long producerId = buffer.getLong();
      short epoch = buffer.getShort();
      long lastTimestamp = buffer.getLong();
      int batchCount = buffer.get();
      List<BatchMetadata> batches = new ArrayList<>(batchCount);
      for (int b = 0; b < batchCount; b++) {
        batches.add(
            new BatchMetadata(
                buffer.getInt(),
                buffer.getInt(),
                buffer.getLong(),
                buffer.getLong(),
                buffer.getLong()));
      }
      entries.add(new ProducerStateEntry(producerId, epoch, batches, lastTimestamp));
    }
    return entries;
  }

  private static int crc(byte[] bytes, int length) {
    CRC32C crc = new CRC32C();
    crc.update(bytes, 0, length);
    return (int) crc.getValue();
  }
}
