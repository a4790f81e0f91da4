package dev.brook.broker.replication;

import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.Records;

/** The data read for one partition, or the error that prevented it. */
public record PartitionFetchResult(
    Errors error, Records records, long highWatermark, long lastStableOffset, long logStartOffset) {

  public static PartitionFetchResult error(Errors error) {
    return new PartitionFetchResult(error, MemoryRecords.EMPTY, -1, -1, -1);
  }

  public static PartitionFetchResult error(Errors error, long highWatermark, long logStartOffset) {
    return new PartitionFetchResult(
        error, MemoryRecords.EMPTY, highWatermark, highWatermark, logStartOffset);
  }
}
