package dev.brook.broker.group;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deadlines of the coordinator, keyed by group, kind and member: scheduling a key replaces its
 * previous deadline.
 *
 * <p>Cancellation can race with expiry, so every task re-checks under the group lock that it still
 * applies (for example that the generation it was armed for is current).
 */
final class GroupTimers {
  private static final Logger LOG = LoggerFactory.getLogger(GroupTimers.class);

  enum Kind {
    /** End of the join phase: rebalance timeout or initial delay. */
    JOIN,
    /** Members must send SyncGroup within the rebalance timeout after the join phase. */
    PENDING_SYNC,
    /** A member's session. */
    HEARTBEAT,
    /** A member id handed out by MEMBER_ID_REQUIRED that was not used yet. */
    PENDING_MEMBER
  }

  /** A deadline's identity; {@code memberId} is "" for group-wide deadlines. */
  record Key(String groupId, Kind kind, String memberId) {}

  private final ScheduledExecutorService scheduler;
  private final Map<Key, ScheduledFuture<?>> deadlines = new ConcurrentHashMap<>();

  GroupTimers(ScheduledExecutorService scheduler) {
    this.scheduler = scheduler;
  }

  static Key joinKey(String groupId) {
    return new Key(groupId, Kind.JOIN, "");
  }

  static Key syncKey(String groupId) {
    return new Key(groupId, Kind.PENDING_SYNC, "");
  }

  static Key heartbeatKey(String groupId, String memberId) {
    return new Key(groupId, Kind.HEARTBEAT, memberId);
  }

  static Key pendingMemberKey(String groupId, String memberId) {
    return new Key(groupId, Kind.PENDING_MEMBER, memberId);
  }

  void schedule(Key key, long delayMs, Runnable task) {
    AtomicReference<ScheduledFuture<?>> self = new AtomicReference<>();
    Runnable guarded = () -> runGuarded(key, self, task);
    try {
      ScheduledFuture<?> handle =
          scheduler.schedule(guarded, Math.max(0, delayMs), TimeUnit.MILLISECONDS);
      self.set(handle);
      ScheduledFuture<?> previous = deadlines.put(key, handle);
      if (previous != null) {
        previous.cancel(false);
      }
    } catch (RejectedExecutionException shuttingDown) {
      LOG.debug("Timer {} not scheduled: the scheduler is shut down", key);
    }
  }

  void cancel(Key key) {
    ScheduledFuture<?> previous = deadlines.remove(key);
    if (previous != null) {
      previous.cancel(false);
    }
  }

  /** Cancels every deadline of the group. */
  void cancelAll(String groupId) {
    deadlines.keySet().stream()
        .filter(k -> k.groupId().equals(groupId))
        .toList()
        .forEach(this::cancel);
  }

  int size() {
    return deadlines.size();
  }

  private void runGuarded(Key key, AtomicReference<ScheduledFuture<?>> self, Runnable task) {
    try {
      task.run();
    } catch (RuntimeException e) {
      LOG.error("Group coordinator timer {} failed", key, e);
    } finally {
      // Forget this deadline unless the task armed a new one under the same key.
      deadlines.remove(key, self.get());
    }
  }
}
