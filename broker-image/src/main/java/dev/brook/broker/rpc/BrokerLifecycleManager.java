package dev.brook.broker.rpc;

import dev.brook.broker.config.Listener;
import dev.brook.broker.rpc.ControllerRpc.BrokerHeartbeat;
import dev.brook.broker.rpc.ControllerRpc.BrokerRegistration;
import dev.brook.broker.rpc.ControllerRpc.ControlledShutdown;
import dev.brook.broker.rpc.ControllerRpc.HeartbeatReply;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.common.protocol.Errors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This broker's side of the controller protocol: registers (retrying until a controller answers),
 * heartbeats every {@code broker.heartbeat.interval.ms}, re-registers when the controller no longer
 * knows this incarnation, and on shutdown asks for a controlled shutdown so that leadership moves
 * before the process stops serving.
 */
public final class BrokerLifecycleManager implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(BrokerLifecycleManager.class);

  private final RatisControllerClient client;
  private final BrokerRegistration registration;
  private final CompletableFuture<Void> firstRegistration = new CompletableFuture<>();
  private final AtomicBoolean inFlight = new AtomicBoolean();
  private final ScheduledFuture<?> task;
  private volatile boolean registered;
  private volatile boolean fenced = true;
  private volatile boolean stopping;

  public BrokerLifecycleManager(
      RatisControllerClient client,
      int brokerId,
      long incarnationEpoch,
      Optional<String> rack,
      List<Listener> endpoints,
      ScheduledExecutorService scheduler,
      long heartbeatIntervalMs) {
    this.client = client;
    this.registration = new BrokerRegistration(brokerId, incarnationEpoch, rack, endpoints);
    this.task =
        scheduler.scheduleWithFixedDelay(this::tick, 0, heartbeatIntervalMs, TimeUnit.MILLISECONDS);
  }

  /** Completes once the controller has committed this broker's first registration. */
  public CompletableFuture<Void> registered() {
    return firstRegistration;
  }

  public long epoch() {
    return registration.epoch();
  }

  public boolean isFenced() {
    return fenced;
  }

  private void tick() {
    if (stopping || !inFlight.compareAndSet(false, true)) {
      return;
    }
    CompletableFuture<?> sent = registered ? heartbeat() : register();
    sent.whenComplete((ignored, error) -> inFlight.set(false));
  }

  private CompletableFuture<?> register() {
    return client
        .call(registration)
        .whenComplete(
            (response, error) -> {
              if (error == null && response.error() == Errors.NONE) {
                registered = true;
                fenced = false;
                log.info("broker {} registered with epoch {}", registration.brokerId(), epoch());
                firstRegistration.complete(null);
              } else {
                log.info(
                    "broker registration not accepted yet: {}",
                    error != null ? error.toString() : response.error());
              }
            });
  }

  private CompletableFuture<?> heartbeat() {
    return client
        .call(new BrokerHeartbeat(registration.brokerId(), epoch()))
        .whenComplete(
            (response, error) -> {
              if (error != null) {
                log.warn("heartbeat failed: {}", error.toString());
                return;
              }
              HeartbeatReply reply = (HeartbeatReply) response;
              if (reply.error() == Errors.STALE_BROKER_EPOCH) {
                log.warn("the controller does not know this incarnation: registering again");
                registered = false;
              } else if (reply.error() == Errors.NONE) {
                if (fenced != reply.fenced()) {
                  log.info(
                      "broker {} is now {}",
                      registration.brokerId(),
                      reply.fenced() ? "fenced" : "unfenced");
                }
                fenced = reply.fenced();
              }
            });
  }

  /**
   * Asks the controller to move leadership off this broker and fence it, then stops heartbeating.
   * Returns whether the controller confirmed within {@code timeout}.
   */
  public boolean controlledShutdown(Duration timeout) {
    stopping = true;
    task.cancel(false);
    if (!registered) {
      return false;
    }
    try {
      ControllerRpc.Response response =
          client
              .call(new ControlledShutdown(registration.brokerId(), epoch()))
              .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      log.info("controlled shutdown answered {}", response.error());
      return response.error() == Errors.NONE;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (Exception e) {
      log.warn("controlled shutdown not confirmed: {}", e.toString());
      return false;
    }
  }

  @Override
  public void close() {
    stopping = true;
    task.cancel(false);
  }
}
