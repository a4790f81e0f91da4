package dev.brook.broker.replication;

import dev.brook.broker.log.Log;
import dev.brook.broker.log.LogAppendInfo;
import dev.brook.broker.metadata.image.PartitionRegistration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.FencedLeaderEpochException;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.UnknownLeaderEpochException;
import org.apache.kafka.common.record.MemoryRecords;

/**
 * This broker's replica of one partition: its log and the partition's registration as the metadata
 * says.
 *
 * <p>As leader it appends client batches, tracks each follower's fetch position, and advances the
 * high watermark to the smallest log end offset over the "maximal" ISR: the committed ISR plus a
 * member whose addition is being committed (a member being removed still counts until the removal
 * is committed, so the high watermark never passes data a committed ISR member lacks). At most one
 * ISR change is in flight per partition.
 *
 * <p>Thread-safety: state changes under this object's monitor; the log serializes its own appends.
 */
public final class Partition {

  private final TopicPartition topicPartition;
  private final int localBrokerId;
  private final Log log;
  private final Map<Integer, FollowerState> followers = new HashMap<>();
  private volatile PartitionRegistration registration;
  private List<Integer> pendingIsr;

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

  /**
   * Applies a new registration. Becoming leader (or a new leader epoch) records the epoch's start
   * in the log and resets what is known of followers; they count as caught up from now on until
   * they prove otherwise.
   *
   * @return whether this replica just became leader, or leads in a new epoch
   */
  synchronized boolean update(PartitionRegistration next, long nowMs) {
    PartitionRegistration previous = registration;
    registration = next;
    if (pendingIsr != null && next.partitionEpoch() != previous.partitionEpoch()) {
      pendingIsr = null;
    }
    boolean newLeadership =
        next.leader() == localBrokerId
            && (previous.leader() != localBrokerId || previous.leaderEpoch() != next.leaderEpoch());
    if (newLeadership) {
      log.leaderEpochCache().assign(next.leaderEpoch(), log.logEndOffset());
      followers.clear();
      pendingIsr = null;
    }
    if (next.leader() == localBrokerId) {
      for (int replica : next.replicas()) {
        if (replica != localBrokerId) {
          followers.computeIfAbsent(replica, r -> new FollowerState(nowMs));
        }
      }
      followers.keySet().retainAll(next.replicas());
      advanceHighWatermark();
    }
    return newLeadership;
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
    synchronized (this) {
      advanceHighWatermark();
    }
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

  /**
   * Records a follower's fetch (its log end offset is the fetch offset).
   *
   * @return the ISR to request when the follower just caught up but is not in the ISR yet
   */
  synchronized Optional<List<Integer>> onFollowerFetch(
      int replicaId, long fetchOffset, long nowMs) {
    FollowerState follower = followers.get(replicaId);
    if (follower == null || !isLeader()) {
      return Optional.empty();
    }
    follower.onFetch(fetchOffset, log.logEndOffset(), nowMs);
    advanceHighWatermark();
    boolean caughtUp = fetchOffset >= log.highWatermark();
    if (caughtUp && !maximalIsr().contains(replicaId) && pendingIsr == null) {
      List<Integer> expanded = new ArrayList<>(registration.isr());
      expanded.add(replicaId);
      pendingIsr = expanded;
      advanceHighWatermark();
      return Optional.of(List.copyOf(expanded));
    }
    return Optional.empty();
  }

  /** The ISR without followers that have not caught up for {@code lagMaxMs}, if any must go. */
  synchronized Optional<List<Integer>> shrinkCandidate(long nowMs, long lagMaxMs) {
    if (!isLeader() || pendingIsr != null) {
      return Optional.empty();
    }
    List<Integer> kept = new ArrayList<>();
    for (int replica : registration.isr()) {
      FollowerState follower = followers.get(replica);
      boolean lagging = follower != null && nowMs - follower.lastCaughtUpTimeMs() > lagMaxMs;
      if (replica == localBrokerId || !lagging) {
        kept.add(replica);
      }
    }
    if (kept.size() == registration.isr().size()) {
      return Optional.empty();
    }
    pendingIsr = kept;
    return Optional.of(List.copyOf(kept));
  }

  /**
   * Runs {@code action} (a follower's write to the log) only while this replica follows in {@code
   * leaderEpoch}. Registration changes wait for it, so a replica never appends data from a leader
   * it no longer follows.
   */
  synchronized void whileFollowing(int leaderEpoch, Runnable action) {
    if (!isLeader() && registration.leaderEpoch() == leaderEpoch) {
      action.run();
    }
  }

  /** The ISR change was refused or failed: allow the next attempt. */
  synchronized void onIsrChangeFailed() {
    pendingIsr = null;
  }

  private Set<Integer> maximalIsr() {
    Set<Integer> members = new LinkedHashSet<>(registration.isr());
    if (pendingIsr != null) {
      members.addAll(pendingIsr);
    }
    return members;
  }

  /** High watermark = min log end offset over the maximal ISR; it never moves backwards. */
  private void advanceHighWatermark() {
    if (!isLeader()) {
      return;
    }
    long candidate = log.logEndOffset();
    for (int replica : maximalIsr()) {
      if (replica != localBrokerId) {
        FollowerState follower = followers.get(replica);
        long followerEnd = follower == null ? FollowerState.UNKNOWN : follower.logEndOffset();
        candidate = Math.min(candidate, Math.max(followerEnd, 0));
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
