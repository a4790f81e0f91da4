package dev.brook.broker.api;

import dev.brook.broker.group.OffsetsLog;
import dev.brook.broker.log.Log;
import dev.brook.broker.log.LogReadInfo;
import dev.brook.broker.replication.PartitionAppendResult;
import dev.brook.broker.replication.ReplicaManager;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.internals.Topic;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.Record;
import org.apache.kafka.common.record.RecordBatch;

/**
 * Group state stored in the real {@code __consumer_offsets} partitions: appended as leader with
 * acks=all (so a commit survives the loss of the leader) and replayed from the log on election. The
 * coordinator bounds the log's growth by writing snapshots of its live state and then asking for
 * the records before a snapshot to be dropped, so the topic needs no compaction.
 */
final class ReplicatedOffsetsLog implements OffsetsLog {

  private static final short ACKS_ALL = -1;

  private static final long APPEND_TIMEOUT_MS = 5_000;
  private static final int REPLAY_CHUNK_BYTES = 1 << 20;

  private final ReplicaManager replicaManager;

  ReplicatedOffsetsLog(ReplicaManager replicaManager) {
    this.replicaManager = replicaManager;
  }

  @Override
  public CompletableFuture<Void> append(int partition, MemoryRecords records) {
    TopicPartition tp = new TopicPartition(Topic.GROUP_METADATA_TOPIC_NAME, partition);
    return replicaManager
        .appendRecords(Map.of(tp, records), ACKS_ALL, APPEND_TIMEOUT_MS)
        .thenCompose(
            results -> {
              PartitionAppendResult result = results.get(tp);
              return result.isSuccess()
                  ? CompletableFuture.completedFuture(null)
                  : CompletableFuture.failedFuture(result.error().exception(result.errorMessage()));
            });
  }

  @Override
  public long logEndOffset(int partition) {
    return replicaManager.leaderPartition(offsetsPartition(partition)).log().logEndOffset();
  }

  /**
   * Drops the records the coordinator's snapshot made redundant. Only below the high watermark: a
   * snapshot is durable (committed) before the coordinator calls this.
   */
  @Override
  public void deleteRecordsBefore(int partition, long offset) {
    var log = replicaManager.leaderPartition(offsetsPartition(partition)).log();
    log.maybeIncrementLogStartOffset(Math.min(offset, log.highWatermark()));
  }

  private static TopicPartition offsetsPartition(int partition) {
    return new TopicPartition(Topic.GROUP_METADATA_TOPIC_NAME, partition);
  }

  @Override
  public void replay(int partition, Consumer<Record> visitor) {
    TopicPartition tp = new TopicPartition(Topic.GROUP_METADATA_TOPIC_NAME, partition);
    Log log = replicaManager.leaderPartition(tp).log();
    long offset = log.logStartOffset();
    long end = log.highWatermark();
    while (offset < end) {
      LogReadInfo read = log.read(offset, REPLAY_CHUNK_BYTES, end, true);
      long before = offset;
      for (RecordBatch batch : read.records().batches()) {
        for (Record record : batch) {
          if (record.offset() >= offset) {
            visitor.accept(record);
          }
        }
        offset = batch.nextOffset();
      }
      if (offset == before) {
        break;
      }
    }
  }
}
