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
 * append} takes (otherwise the two lock orders could deadlock).
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
}
