package dev.brook.broker.replication;

import dev.brook.broker.log.LeaderEpochCache.EpochEndOffset;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.Records;

/**
 * The data read for one partition, or the error that prevented it. A follower whose log diverged
 * gets no records but {@code divergingEpoch}: the leader's last epoch at or below the follower's
 * and where it ends, to truncate to.
 */
public record PartitionFetchResult(
    Errors error,
    Records records,
    long highWatermark,
    long lastStableOffset,
    long logStartOffset,
    EpochEndOffset divergingEpoch) {

  public static PartitionFetchResult data(
      Records records, long highWatermark, long logStartOffset) {
    return new PartitionFetchResult(
        Errors.NONE,
        records,
        highWatermark,
        highWatermark,
        logStartOffset,
        EpochEndOffset.UNDEFINED);
  }

  public static PartitionFetchResult diverging(
      EpochEndOffset divergingEpoch, long highWatermark, long logStartOffset) {
    return new PartitionFetchResult(
        Errors.NONE,
        MemoryRecords.EMPTY,
        highWatermark,
        highWatermark,
        logStartOffset,
        divergingEpoch);
  }

  public static PartitionFetchResult error(Errors error) {
    return error(error, -1, -1);
  }

  public static PartitionFetchResult error(Errors error, long highWatermark, long logStartOffset) {
    return new PartitionFetchResult(
        error,
        MemoryRecords.EMPTY,
        highWatermark,
        highWatermark,
        logStartOffset,
        EpochEndOffset.UNDEFINED);
  }
}
