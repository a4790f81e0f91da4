package dev.brook.broker.replication;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a leader's ISR changes to the controller: expansions when a follower catches up, and
 * shrinks, checked every half {@code replica.lag.time.max.ms}, for followers that fell behind for
 * longer than that. The new ISR takes effect when the controller commits it (the metadata update
 * then reaches the partition); a refused change just allows the next attempt.
 */
final class IsrChanges implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(IsrChanges.class);

  private final AlterPartitionChannel controller;
  private final Function<TopicPartition, Uuid> topicIds;
  private final Time time;
  private final ScheduledExecutorService scheduler;
  private final long lagTimeMaxMs;
  private ScheduledFuture<?> shrinkChecks;
  private final AtomicLong committedShrinks = new AtomicLong();
  private final AtomicLong committedExpansions = new AtomicLong();

  IsrChanges(
      AlterPartitionChannel controller,
      Function<TopicPartition, Uuid> topicIds,
      Time time,
      ScheduledExecutorService scheduler,
      long lagTimeMaxMs) {
    this.controller = controller;
    this.topicIds = topicIds;
    this.time = time;
    this.scheduler = scheduler;
    this.lagTimeMaxMs = lagTimeMaxMs;
  }

  void startShrinkChecks(Supplier<Collection<Partition>> partitions) {
    long interval = Math.max(1, lagTimeMaxMs / 2);
    shrinkChecks =
        scheduler.scheduleWithFixedDelay(
            () -> {
              long now = time.milliseconds();
              for (Partition partition : partitions.get()) {
                partition
                    .shrinkCandidate(now, lagTimeMaxMs)
                    .ifPresent(isr -> request(partition, isr));
              }
            },
            interval,
            interval,
            TimeUnit.MILLISECONDS);
  }

  void request(Partition partition, List<Integer> newIsr) {
    TopicPartition tp = partition.topicPartition();
    var registration = partition.registration();
    boolean shrink = newIsr.size() < registration.isr().size();
    log.info(
        "{}: asking the controller to change the ISR from {} to {}",
        tp,
        registration.isr(),
        newIsr);
    controller
        .alterIsr(
            topicIds.apply(tp),
            tp.partition(),
            registration.leaderEpoch(),
            registration.partitionEpoch(),
            newIsr)
        .whenComplete(
            (committed, error) -> {
              if (error != null) {
                log.warn("{}: ISR change to {} refused: {}", tp, newIsr, error.toString());
                partition.onIsrChangeFailed();
              } else {
                (shrink ? committedShrinks : committedExpansions).incrementAndGet();
              }
            });
  }

  /** ISR shrinks this broker asked for and the controller committed, since start. */
  long committedShrinks() {
    return committedShrinks.get();
  }

  /** ISR expansions this broker asked for and the controller committed, since start. */
  long committedExpansions() {
    return committedExpansions.get();
  }

  @Override
  public void close() {
    if (shrinkChecks != null) {
      shrinkChecks.cancel(false);
    }
  }
}
