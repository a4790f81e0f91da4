package dev.brook.broker.replication;

import dev.brook.broker.log.Log;
import dev.brook.broker.log.LogAppendInfo;
import dev.brook.broker.metadata.PartitionRegistration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.FencedLeaderEpochException;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.UnknownLeaderEpochException;
import org.apache.kafka.common.record.MemoryRecords;

/**
 * This broker's replica of one partition: its log and the partition's leadership as the metadata
 * says. As leader it appends client batches and advances the high watermark to the smallest log end
 * offset among the in-sync replicas (itself included).
 *
 * <p>Thread-safety: appends serialize on the log; registration changes are published through a
 * volatile field; follower positions live in a concurrent map.
 */
public final class Partition {

  private final TopicPartition topicPartition;
  private final int localBrokerId;
  private final Log log;
  private final Map<Integer, Long> followerEndOffsets = new ConcurrentHashMap<>();
  private volatile PartitionRegistration registration;

  Partition(
      TopicPartition topicPartition,
      int localBrokerId,
      Log log,
      PartitionRegistration registration) {
    this.topicPartition = topicPartition;
    this.localBrokerId = localBrokerId;
    this.log = log;
    this.registration = registration;
  }

  public TopicPartition topicPartition() {
    return topicPartition;
  }

  public Log log() {
    return log;
  }

  public PartitionRegistration registration() {
    return registration;
  }

  public boolean isLeader() {
    return registration.leader() == localBrokerId;
  }

  public int leaderEpoch() {
    return registration.leaderEpoch();
  }

  void updateRegistration(PartitionRegistration next) {
    registration = next;
    followerEndOffsets.keySet().retainAll(next.replicas());
    if (isLeader()) {
      maybeAdvanceHighWatermark();
    }
  }

  /**
   * Appends a client batch as leader.
   *
   * @throws NotLeaderOrFollowerException when this replica is not the leader
   * @throws NotEnoughReplicasException for acks=all when the ISR is below min.insync.replicas
   */
  public LogAppendInfo appendAsLeader(MemoryRecords records, short requiredAcks) {
    PartitionRegistration current = registration;
    if (current.leader() != localBrokerId) {
      throw new NotLeaderOrFollowerException(
          "Broker " + localBrokerId + " is not the leader of " + topicPartition);
    }
    int minInsync = log.config().minInsyncReplicas();
    if (requiredAcks == -1 && current.isr().size() < minInsync) {
      throw new NotEnoughReplicasException(
          "The in-sync replicas "
              + current.isr()
              + " of "
              + topicPartition
              + " are fewer than min.insync.replicas="
              + minInsync);
    }
    LogAppendInfo info = log.appendAsLeader(records, current.leaderEpoch());
    maybeAdvanceHighWatermark();
    return info;
  }

  /** Fencing by the client's view of the leader epoch (-1: the client does not know it). */
  public void checkLeaderEpoch(int clientLeaderEpoch) {
    if (clientLeaderEpoch < 0) {
      return;
    }
    int ours = registration.leaderEpoch();
    if (clientLeaderEpoch < ours) {
      throw new FencedLeaderEpochException(
          "Leader epoch " + clientLeaderEpoch + " is older than " + ours + " of " + topicPartition);
    }
    if (clientLeaderEpoch > ours) {
      throw new UnknownLeaderEpochException(
          "Leader epoch " + clientLeaderEpoch + " is newer than " + ours + " of " + topicPartition);
    }
  }

  /** High watermark = min log end offset over the ISR; it never moves backwards. */
  void maybeAdvanceHighWatermark() {
    List<Integer> isr = registration.isr();
    long candidate = log.logEndOffset();
    for (int replica : isr) {
      if (replica != localBrokerId) {
        candidate = Math.min(candidate, followerEndOffsets.getOrDefault(replica, 0L));
      }
    }
    if (candidate > log.highWatermark()) {
      log.updateHighWatermark(candidate);
    }
  }

  @Override
  public String toString() {
    return "Partition(" + topicPartition + ", " + registration + ")";
  }
}
