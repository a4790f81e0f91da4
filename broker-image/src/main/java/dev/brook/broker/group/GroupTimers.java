package dev.brook.broker.group;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deadlines of the coordinator, keyed by name: scheduling a key replaces its previous deadline.
 *
 * <p>Cancellation can race with expiry, so every task re-checks under the group lock that it still
 * applies (for example that the generation it was armed for is current).
 */
final class GroupTimers {
  private static final Logger LOG = LoggerFactory.getLogger(GroupTimers.class);

  private final ScheduledExecutorService scheduler;
  private final ConcurrentHashMap<String, ScheduledFuture<?>> deadlines = new ConcurrentHashMap<>();

  GroupTimers(ScheduledExecutorService scheduler) {
    this.scheduler = scheduler;
  }

  static String joinKey(String groupId) {
    return "join/" + groupId;
  }

  static String syncKey(String groupId) {
    return "sync/" + groupId;
  }

  static String heartbeatKey(String groupId, String memberId) {
    return "heartbeat/" + groupId + "/" + memberId;
  }

  static String pendingMemberKey(String groupId, String memberId) {
    return "pending/" + groupId + "/" + memberId;
  }

  void schedule(String key, long delayMs, Runnable task) {
    Runnable guarded = () -> runGuarded(key, task);
    try {
      ScheduledFuture<?> handle =
          scheduler.schedule(guarded, Math.max(0, delayMs), TimeUnit.MILLISECONDS);
      ScheduledFuture<?> previous = deadlines.put(key, handle);
      if (previous != null) {
        previous.cancel(false);
      }
    } catch (RejectedExecutionException shuttingDown) {
      LOG.debug("Timer {} not scheduled: the scheduler is shut down", key);
    }
  }

  void cancel(String key) {
    ScheduledFuture<?> previous = deadlines.remove(key);
    if (previous != null) {
      previous.cancel(false);
    }
  }

  /** Cancels every deadline whose key starts with {@code prefix}. */
  void cancelAll(String prefix) {
    deadlines
        .keySet()
        .removeIf(
            key -> {
              if (!key.startsWith(prefix)) {
                return false;
              }
              ScheduledFuture<?> handle = deadlines.get(key);
              if (handle != null) {
                handle.cancel(false);
              }
              return true;
            });
  }

  private void runGuarded(String key, Runnable task) {
    try {
      task.run();
    } catch (RuntimeException e) {
      LOG.error("Group coordinator timer {} failed", key, e);
    }
  }
}
