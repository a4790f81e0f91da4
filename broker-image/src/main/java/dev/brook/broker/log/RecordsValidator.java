package dev.brook.broker.log;

import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.CorruptRecordException;
import org.apache.kafka.common.errors.InvalidTimestampException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.MutableRecordBatch;
import org.apache.kafka.common.record.Record;
import org.apache.kafka.common.record.RecordBatch;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.utils.BufferSupplier;
import org.apache.kafka.common.utils.CloseableIterator;

/**
 * Checks record batches before they are appended. Runs outside the log lock: it reads the batches
 * and decompresses them (validating a compressed batch means iterating its records) but changes
 * nothing.
 */
final class RecordsValidator {

  /** What an append is made of: counts and the largest CreateTime timestamp. */
  record Summary(int batchCount, int recordCount, long maxTimestamp, long firstOffset) {}

  private RecordsValidator() {}

  /**
   * Validates batches from a producer: magic v2, size within max.message.bytes, CRC, no control
   * batch, record count matching lastOffsetDelta + 1, record offset deltas 0..n-1, timestamps
   * within message.timestamp.before/after.max.ms of now (CreateTime topics), and no trailing bytes.
   */
  static Summary validateFromClient(MemoryRecords records, LogConfig config, long nowMs) {
    int batchCount = 0;
    int recordCount = 0;
    int validBytes = 0;
    long maxTimestamp = RecordBatch.NO_TIMESTAMP;
    for (MutableRecordBatch batch : records.batches()) {
      validateBatchHeader(batch, config);
      validateRecords(batch, config, nowMs);
      batchCount++;
      recordCount += batch.countOrNull();
      validBytes += batch.sizeInBytes();
      maxTimestamp = Math.max(maxTimestamp, batch.maxTimestamp());
    }
    checkWhole(records, batchCount, validBytes, config);
    return new Summary(batchCount, recordCount, maxTimestamp, -1L);
  }

  /**
   * Validates batches copied from a leader: magic v2, CRC, contiguous increasing offsets. Their
   * offsets, epochs and timestamps are kept.
   */
  static Summary validateFromLeader(MemoryRecords records, LogConfig config) {
    int batchCount = 0;
    int recordCount = 0;
    int validBytes = 0;
    long maxTimestamp = RecordBatch.NO_TIMESTAMP;
    long firstOffset = -1L;
    long expectedOffset = -1L;
    for (MutableRecordBatch batch : records.batches()) {
      if (batch.magic() != RecordBatch.MAGIC_VALUE_V2) {
        throw new InvalidRecordException("Unsupported record batch magic " + batch.magic());
      }
      batch.ensureValid();
      if (expectedOffset >= 0 && batch.baseOffset() < expectedOffset) {
        throw new InvalidRecordException(
            "Batch offset " + batch.baseOffset() + " is below the previous batch's end");
      }
      if (firstOffset < 0) {
        firstOffset = batch.baseOffset();
      }
      expectedOffset = batch.nextOffset();
      batchCount++;
      Integer count = batch.countOrNull();
      recordCount += count == null ? 0 : count;
      validBytes += batch.sizeInBytes();
      maxTimestamp = Math.max(maxTimestamp, batch.maxTimestamp());
    }
    checkWhole(records, batchCount, validBytes, config);
    return new Summary(batchCount, recordCount, maxTimestamp, firstOffset);
  }

  private static void checkWhole(
      MemoryRecords records, int batchCount, int validBytes, LogConfig config) {
    if (batchCount == 0) {
      throw new InvalidRecordException("The request holds no record batch");
    }
    if (validBytes != records.sizeInBytes()) {
      throw new CorruptRecordException(
          "The records hold "
              + (records.sizeInBytes() - validBytes)
              + " bytes after the last whole batch");
    }
    if (validBytes > config.effectiveSegmentBytes()) {
      throw new RecordBatchTooLargeException(
          "Records of "
              + validBytes
              + " bytes exceed the segment size "
              + config.effectiveSegmentBytes());
    }
  }

  private static void validateBatchHeader(MutableRecordBatch batch, LogConfig config) {
    if (batch.magic() != RecordBatch.MAGIC_VALUE_V2) {
      throw new InvalidRecordException("Unsupported record batch magic " + batch.magic());
    }
    if (batch.sizeInBytes() > config.maxMessageBytes()) {
      throw new RecordTooLargeException(
          "Batch of "
              + batch.sizeInBytes()
              + " bytes exceeds max.message.bytes "
              + config.maxMessageBytes());
    }
    batch.ensureValid();
    if (batch.isControlBatch()) {
      throw new InvalidRecordException("Clients may not write control batches");
    }
    if (batch.hasProducerId() && batch.baseSequence() < 0) {
      throw new InvalidRecordException(
          "Idempotent batch of producer " + batch.producerId() + " has no sequence number");
    }
    Integer count = batch.countOrNull();
    long lastOffsetDelta = batch.lastOffset() - batch.baseOffset();
    if (count == null || count <= 0 || lastOffsetDelta + 1 != count) {
      throw new InvalidRecordException(
          "Batch has " + count + " records but lastOffsetDelta " + lastOffsetDelta);
    }
  }

  private static void validateRecords(RecordBatch batch, LogConfig config, long nowMs) {
    boolean checkTimestamps = config.messageTimestampType() == TimestampType.CREATE_TIME;
    long expectedOffset = batch.baseOffset();
    try (CloseableIterator<Record> records = batch.streamingIterator(BufferSupplier.NO_CACHING)) {
      while (records.hasNext()) {
        Record record = records.next();
        if (record.offset() != expectedOffset) {
          throw new InvalidRecordException(
              "Record offset delta " + (record.offset() - batch.baseOffset()) + " out of order");
        }
        if (checkTimestamps) {
          validateTimestamp(record.timestamp(), config, nowMs);
        }
        expectedOffset++;
      }
    }
    if (expectedOffset != batch.lastOffset() + 1) {
      throw new InvalidRecordException("Batch record count does not match its records");
    }
  }

  private static void validateTimestamp(long timestamp, LogConfig config, long nowMs) {
    if (timestamp < 0 && timestamp != RecordBatch.NO_TIMESTAMP) {
      throw new InvalidTimestampException("Negative record timestamp " + timestamp);
    }
    if (timestamp == RecordBatch.NO_TIMESTAMP) {
      return;
    }
    if (nowMs - timestamp > config.messageTimestampBeforeMaxMs()
        || timestamp - nowMs > config.messageTimestampAfterMaxMs()) {
      throw new InvalidTimestampException(
          "Record timestamp "
              + timestamp
              + " is outside the allowed range around broker time "
              + nowMs);
    }
  }
}
