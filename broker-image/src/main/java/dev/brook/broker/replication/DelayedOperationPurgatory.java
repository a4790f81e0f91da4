package dev.brook.broker.replication;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.TopicPartition;

/**
 * Holds delayed operations keyed by the partitions whose changes may complete them. Whoever changes
 * a partition (an append, a high-watermark move) calls {@link #checkAndComplete}; a timer completes
 * what is still waiting at its deadline.
 */
final class DelayedOperationPurgatory {

  private final ConcurrentHashMap<TopicPartition, Set<DelayedOperation>> watchers =
      new ConcurrentHashMap<>();
  private final ScheduledExecutorService timer;

  DelayedOperationPurgatory(ScheduledExecutorService timer) {
    this.timer = timer;
  }

  /**
   * Completes {@code operation} now if it can, else parks it on {@code keys} until it can or {@code
   * timeoutMs} passes.
   */
  void tryCompleteElseWatch(
      DelayedOperation operation, Collection<TopicPartition> keys, long timeoutMs) {
    if (operation.tryComplete()) {
      return;
    }
    for (TopicPartition key : keys) {
      watchers.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(operation);
    }
    // The condition may have become true between the first check and the registration.
    if (operation.tryComplete()) {
      unwatch(operation, keys);
      return;
    }
    ScheduledFuture<?> expiry =
        timer.schedule(
            () -> {
              operation.forceComplete(true);
              unwatch(operation, keys);
            },
            timeoutMs,
            TimeUnit.MILLISECONDS);
    if (operation.isCompleted()) {
      expiry.cancel(false);
    }
  }

  void checkAndComplete(TopicPartition key) {
    Set<DelayedOperation> waiting = watchers.get(key);
    if (waiting == null) {
      return;
    }
    // Empty sets stay: removing them would race with concurrent registrations.
    waiting.removeIf(op -> op.isCompleted() || op.tryComplete());
  }

  private void unwatch(DelayedOperation operation, Collection<TopicPartition> keys) {
    for (TopicPartition key : keys) {
      Set<DelayedOperation> waiting = watchers.get(key);
      if (waiting != null) {
        waiting.remove(operation);
      }
    }
  }

  int watched() {
    return watchers.values().stream().mapToInt(Set::size).sum();
  }
}
