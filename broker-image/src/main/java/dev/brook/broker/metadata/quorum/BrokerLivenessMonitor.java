package dev.brook.broker.metadata.quorum;

import dev.brook.broker.metadata.ClusterController;
import dev.brook.broker.metadata.MetadataCache;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On the active controller, fences brokers that missed heartbeats for {@code
 * broker.session.timeout.ms}; fencing moves their partition leadership to ISR members in the same
 * commit (see {@link ClusterController#fenceBroker}). Checks a few times per heartbeat interval.
 */
public final class BrokerLivenessMonitor implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(BrokerLivenessMonitor.class);

  private final ClusterController controller;
  private final MetadataCache cache;
  private final BrokerLiveness liveness;
  private final ScheduledFuture<?> task;
  private boolean wasActive;

  BrokerLivenessMonitor(
      ClusterController controller,
      MetadataCache cache,
      BrokerLiveness liveness,
      ScheduledExecutorService scheduler,
      long checkIntervalMs) {
    this.controller = controller;
    this.cache = cache;
    this.liveness = liveness;
    this.task =
        scheduler.scheduleWithFixedDelay(
            this::check, checkIntervalMs, checkIntervalMs, TimeUnit.MILLISECONDS);
  }

  /** Runs on the scheduler thread only. */
  void check() {
    try {
      boolean active = controller.isActive();
      if (active && !wasActive) {
        liveness.reset();
      }
      wasActive = active;
      if (!active) {
        return;
      }
      for (int brokerId : liveness.expired(cache.image())) {
        log.warn("broker {} missed its heartbeats: fencing it and moving its leaders", brokerId);
        controller.fenceBroker(brokerId, -1).join();
      }
    } catch (RuntimeException e) {
      log.warn("broker liveness check failed; retrying at the next check", e);
    }
  }

  @Override
  public void close() {
    task.cancel(false);
  }
}
