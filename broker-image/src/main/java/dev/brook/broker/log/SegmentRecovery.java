package dev.brook.broker.log;

import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.record.FileLogInputStream.FileChannelRecordBatch;
import org.apache.kafka.common.record.RecordBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The validating scan of a segment's data file used by recovery: a batch is valid when it is whole,
 * magic v2, within the segment's offset range, after the previous batch, and passes its CRC. The
 * scan stops at the first invalid batch; everything from there on is a torn or corrupt tail.
 */
final class SegmentRecovery {

  private static final Logger LOG = LoggerFactory.getLogger(SegmentRecovery.class);

  @FunctionalInterface
  interface Indexer {
    void index(RecordBatch batch, int position);
  }

  private SegmentRecovery() {}

  /** Returns the number of valid bytes at the head of the segment. */
  static int scan(LogSegment segment, Indexer indexer) {
    int validBytes = 0;
    long expectedMinOffset = segment.baseOffset();
    try {
      for (FileChannelRecordBatch batch : segment.records().batches()) {
        String problem = problemWith(batch, expectedMinOffset, segment);
        if (problem != null) {
          LOG.warn("Truncating {} at byte {}: {}", segment.records().file(), validBytes, problem);
          return validBytes;
        }
        indexer.index(batch, validBytes);
        validBytes += batch.sizeInBytes();
        expectedMinOffset = batch.nextOffset();
      }
    } catch (KafkaException e) {
      LOG.warn("Truncating {} at byte {}: {}", segment.records().file(), validBytes, e.toString());
    }
    return validBytes;
  }

  private static String problemWith(
      FileChannelRecordBatch batch, long expectedMinOffset, LogSegment segment) {
    if (batch.magic() != RecordBatch.MAGIC_VALUE_V2) {
      return "unsupported magic " + batch.magic();
    }
    batch.ensureValid();
    if (batch.baseOffset() < expectedMinOffset) {
      return "offset " + batch.baseOffset() + " is below " + expectedMinOffset;
    }
    if (!segment.canConvertToRelativeOffset(batch.lastOffset())) {
      return "offset " + batch.lastOffset() + " is outside the segment";
    }
    return null;
  }
}
