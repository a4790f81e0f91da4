package dev.brook.broker.group;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.Record;

/**
 * Persistence of group state in the partitions of {@code __consumer_offsets}. The coordinator of a
 * partition is the leader of that partition; it appends through this interface and replays the
 * partition when it is elected.
 *
 * <p>Contract for implementations, because the coordinator calls {@link #append} while holding a
 * group's monitor and takes that monitor again in the future's callbacks: {@code append} must not
 * block, and the returned future must be completed by a thread that holds none of the locks {@code
 * append} takes (otherwise the two lock orders could deadlock). Appends to one partition must be
 * written in call order.
 */
public interface OffsetsLog {

  /**
   * Appends {@code records} to {@code __consumer_offsets-partition} as leader.
   *
   * @return completes when the records are committed by the in-sync replicas (acks=all), or
   *     exceptionally with a Kafka {@link org.apache.kafka.common.errors.ApiException} such as
   *     NotLeaderOrFollowerException or NotEnoughReplicasException
   */
  CompletableFuture<Void> append(int partition, MemoryRecords records);

  /** Visits every record from the log start to the high watermark of the partition, in order. */
  void replay(int partition, Consumer<Record> visitor);

  /**
   * The offset the next appended record of the partition will get (its log end offset), or -1 when
   * the implementation cannot tell; then the coordinator never snapshots the partition.
   */
  default long logEndOffset(int partition) {
    return -1L;
  }

  /**
   * Lets the partition drop every record below {@code offset} (advances its log start offset, as
   * DeleteRecords does). Called only once a snapshot of the partition's state starting at {@code
   * offset} is durable, so the records below it are no longer needed to rebuild the state.
   */
  default void deleteRecordsBefore(int partition, long offset) {}
}
