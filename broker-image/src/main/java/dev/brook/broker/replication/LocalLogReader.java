package dev.brook.broker.replication;

import dev.brook.broker.log.LeaderEpochCache.EpochEndOffset;
import dev.brook.broker.log.Log;
import dev.brook.broker.log.LogReadInfo;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.OffsetOutOfRangeException;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.MemoryRecords;

/**
 * Reads a fetch from the local leader logs: below each high watermark for consumers, below the log
 * end for followers. The response stays within the request's {@code maxBytes}, except that the
 * first batch found is always returned whole so that a reader can make progress past a batch larger
 * than its limits. A follower whose last fetched epoch does not match the leader's log gets the
 * diverging epoch instead of data. A throttled follower ({@link ReplicationThrottle}) gets no data
 * while the leader quota is used up.
 */
final class LocalLogReader {

  private final ReplicaManager replicaManager;

  LocalLogReader(ReplicaManager replicaManager) {
    this.replicaManager = replicaManager;
  }

  /**
   * Reads {@code params}; {@code final} reads (the one answered) count the bytes sent to throttled
   * followers against the leader quota, trial reads of a waiting fetch do not.
   */
  Map<TopicPartition, PartitionFetchResult> read(FetchParams params, boolean answered) {
    Map<TopicPartition, PartitionFetchResult> results = new LinkedHashMap<>();
    int remainingBytes = params.maxBytes();
    boolean minOneBatch = true;
    for (Map.Entry<TopicPartition, PartitionFetch> entry : params.partitions().entrySet()) {
      PartitionFetchResult result =
          readPartition(
              entry.getKey(), entry.getValue(), params, Math.max(0, remainingBytes), minOneBatch);
      int bytes = result.records().sizeInBytes();
      if (answered && params.isFromFollower()) {
        replicaManager.throttle().recordLeaderRead(entry.getKey(), params.replicaId(), bytes);
      }
      if (bytes > 0) {
        minOneBatch = false;
        remainingBytes -= bytes;
      }
      results.put(entry.getKey(), result);
    }
    return results;
  }

  private PartitionFetchResult readPartition(
      TopicPartition tp,
      PartitionFetch fetch,
      FetchParams params,
      int remainingBytes,
      boolean minOneBatch) {
    Log log;
    try {
      Partition partition = replicaManager.leaderPartition(tp);
      partition.checkLeaderEpoch(fetch.currentLeaderEpoch());
      log = partition.log();
    } catch (RuntimeException e) {
      return PartitionFetchResult.error(Errors.forException(e));
    }
    long highWatermark = log.highWatermark();
    try {
      if (params.isFromFollower() && fetch.lastFetchedEpoch() >= 0) {
        EpochEndOffset leaderEnd = log.endOffsetForEpoch(fetch.lastFetchedEpoch());
        if (leaderEnd.epoch() != fetch.lastFetchedEpoch()
            || leaderEnd.endOffset() < fetch.fetchOffset()) {
          return PartitionFetchResult.diverging(leaderEnd, highWatermark, log.logStartOffset());
        }
      }
      if (params.isFromFollower()
          && replicaManager.throttle().holdsBackLeaderRead(tp, params.replicaId())) {
        return PartitionFetchResult.data(MemoryRecords.EMPTY, highWatermark, log.logStartOffset());
      }
      long limit = params.isFromFollower() ? log.logEndOffset() : highWatermark;
      int maxBytes = Math.min(fetch.maxBytes(), remainingBytes);
      LogReadInfo read = log.read(fetch.fetchOffset(), maxBytes, limit, minOneBatch);
      return PartitionFetchResult.data(read.records(), read.highWatermark(), read.logStartOffset());
    } catch (OffsetOutOfRangeException e) {
      return PartitionFetchResult.error(
          Errors.OFFSET_OUT_OF_RANGE, highWatermark, log.logStartOffset());
    } catch (RuntimeException e) {
      return PartitionFetchResult.error(
          Errors.forException(e), highWatermark, log.logStartOffset());
    }
  }
}
