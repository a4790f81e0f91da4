package dev.brook.broker.metadata.quorum;

import dev.brook.broker.metadata.BrokerRegistration;
import dev.brook.broker.metadata.MetadataImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.utils.Time;

/**
 * The active controller's memory of when each broker last heartbeated, and which brokers asked for
 * a controlled shutdown. Not replicated: a new controller starts every broker's session afresh, as
 * KRaft does, with extra grace for the time a broker's controller client may still spend on the
 * previous controller before it gives up ({@code clientRequestTimeoutMs}): without it, a frozen
 * (not dead) old controller made the new one fence every broker at once.
 */
final class BrokerLiveness {

  private final Time time;
  private final long sessionTimeoutMs;
  private final long clientRequestTimeoutMs;
  private final Map<Integer, Long> lastContactMs = new ConcurrentHashMap<>();
  private final Map<Integer, Long> shuttingDownEpochs = new ConcurrentHashMap<>();

  BrokerLiveness(Time time, long sessionTimeoutMs, long clientRequestTimeoutMs) {
    this.time = time;
    this.sessionTimeoutMs = sessionTimeoutMs;
    this.clientRequestTimeoutMs = clientRequestTimeoutMs;
  }

  void touch(int brokerId) {
    lastContactMs.put(brokerId, time.milliseconds());
  }

  /** Forgets all sessions: called when this node becomes the active controller. */
  void reset() {
    lastContactMs.clear();
    shuttingDownEpochs.clear();
  }

  void registered(int brokerId) {
    shuttingDownEpochs.remove(brokerId);
    touch(brokerId);
  }

  void shuttingDown(int brokerId, long epoch) {
    shuttingDownEpochs.put(brokerId, epoch);
  }

  boolean isShuttingDown(int brokerId, long epoch) {
    Long shutting = shuttingDownEpochs.get(brokerId);
    return shutting != null && shutting == epoch;
  }

  /**
   * Unfenced brokers of {@code image} not heard from within the session timeout. A broker first
   * seen here starts its session now, plus the client request timeout of grace.
   */
  List<Integer> expired(MetadataImage image) {
    long now = time.milliseconds();
    List<Integer> expired = new ArrayList<>();
    for (BrokerRegistration broker : image.brokers().values()) {
      if (broker.fenced()) {
        continue;
      }
      long last = lastContactMs.computeIfAbsent(broker.id(), id -> now + clientRequestTimeoutMs);
      if (now - last > sessionTimeoutMs) {
        expired.add(broker.id());
      }
    }
    return expired;
  }
}
