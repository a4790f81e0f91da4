package dev.brook.broker.controller;

import dev.brook.broker.metadata.MetadataCache;
import dev.brook.broker.metadata.image.BrokerRegistration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On the active controller, fences brokers that are gone; fencing moves their partition leadership
 * to ISR members in the same commit (see {@link ClusterController#fenceBroker}). Checks a few times
 * per heartbeat interval, two ways:
 *
 * <ul>
 *   <li><b>Fast</b>: a broker silent for {@code silenceMs} (half a heartbeat interval) is probed,
 *       at most once per {@code silenceMs}. If its listener refuses connections although it
 *       accepted one since the broker registered, its process is dead and it is fenced at once: a
 *       process killed or crashed closes its sockets with it, so its partitions get a new leader
 *       within about one heartbeat interval instead of a whole session. A listener never seen
 *       accepting (not bound yet, or on an address this node cannot reach) proves nothing; without
 *       that rule such a broker would be fenced and unfenced at every heartbeat. A live broker
 *       costs about one TCP connect per heartbeat interval.
 *   <li><b>Backstop</b>: a broker not heard from for {@code broker.session.timeout.ms} is fenced
 *       whatever the probe says (a frozen process, a lost node, a network partition).
 * </ul>
 *
 * A broker fenced by mistake (its heartbeat was only late) is unfenced by its next heartbeat; one
 * that answers the probe is never fenced before its session ends.
 */
public final class BrokerLivenessMonitor implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(BrokerLivenessMonitor.class);

  private final ClusterController controller;
  private final MetadataCache cache;
  private final BrokerLiveness liveness;
  private final ListenerProbe probe;
  private final long silenceMs;
  private final ExecutorService probes;
  private final Set<Integer> probing = ConcurrentHashMap.newKeySet();
  private final Map<Integer, Long> lastProbeNanos = new HashMap<>();

  /** Per broker, the registration epoch in which its listener last accepted a probe. */
  private final Map<Integer, Long> acceptedInEpoch = new ConcurrentHashMap<>();

  private final ScheduledFuture<?> task;
  private boolean wasActive;

  public BrokerLivenessMonitor(
      ClusterController controller,
      MetadataCache cache,
      BrokerLiveness liveness,
      ScheduledExecutorService scheduler,
      long checkIntervalMs,
      ListenerProbe probe,
      long silenceMs) {
    this.controller = controller;
    this.cache = cache;
    this.liveness = liveness;
    this.probe = probe;
    this.silenceMs = silenceMs;
    this.probes =
        Executors.newSingleThreadExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "broker-listener-probe");
              thread.setDaemon(true);
              return thread;
            });
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
      lastProbeNanos.keySet().retainAll(cache.image().brokers().keySet());
      acceptedInEpoch.keySet().retainAll(cache.image().brokers().keySet());
      long now = System.nanoTime();
      for (int brokerId : liveness.silent(cache.image(), silenceMs)) {
        Long last = lastProbeNanos.get(brokerId);
        boolean due = last == null || now - last >= TimeUnit.MILLISECONDS.toNanos(silenceMs);
        if (due && probing.add(brokerId)) {
          lastProbeNanos.put(brokerId, now);
          probes.execute(() -> probe(brokerId));
        }
      }
    } catch (RuntimeException e) {
      log.warn("broker liveness check failed; retrying at the next check", e);
    }
  }

  private void probe(int brokerId) {
    try {
      BrokerRegistration broker = cache.image().brokers().get(brokerId);
      if (broker == null || broker.fenced() || !controller.isActive()) {
        return;
      }
      ListenerProbe.Answer answer = probe.probe(broker);
      if (answer == ListenerProbe.Answer.ACCEPTED) {
        acceptedInEpoch.put(brokerId, broker.epoch());
        return;
      }
      Long acceptedEpoch = acceptedInEpoch.get(brokerId);
      boolean wasServing = acceptedEpoch != null && acceptedEpoch == broker.epoch();
      if (answer == ListenerProbe.Answer.REFUSED
          && wasServing
          && !liveness.heardWithin(brokerId, silenceMs)) {
        log.warn(
            "broker {} is late with its heartbeat and its listener {} now refuses connections: its"
                + " process is gone; fencing it and moving its leaders now",
            brokerId,
            broker.endpoints().get(0));
        controller.fenceBroker(brokerId, broker.epoch()).join();
      }
    } catch (RuntimeException e) {
      log.warn("probing broker {} failed; the session timeout still applies", brokerId, e);
    } finally {
      probing.remove(brokerId);
    }
  }

  @Override
  public void close() {
    task.cancel(false);
    probes.shutdownNow();
  }
}
