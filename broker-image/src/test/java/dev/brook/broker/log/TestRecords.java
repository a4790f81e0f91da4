package dev.brook.broker.log;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.SimpleRecord;

/** Record batches as a producer would send them (base offset 0). */
final class TestRecords {

  private TestRecords() {}

  static MemoryRecords batch(long timestamp, String... values) {
    return MemoryRecords.withRecords(Compression.NONE, records(timestamp, values));
  }

  static MemoryRecords idempotent(
      long producerId, short epoch, int baseSequence, long timestamp, String... values) {
    return MemoryRecords.withIdempotentRecords(
        Compression.NONE, producerId, epoch, baseSequence, records(timestamp, values));
  }

  static SimpleRecord[] records(long timestamp, String... values) {
    SimpleRecord[] records = new SimpleRecord[values.length];
    for (int i = 0; i < values.length; i++) {
      records[i] = new SimpleRecord(timestamp, null, values[i].getBytes(StandardCharsets.UTF_8));
    }
    return records;
  }

  static String value(org.apache.kafka.common.record.Record record) {
    byte[] bytes = new byte[record.valueSize()];
    record.value().get(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
