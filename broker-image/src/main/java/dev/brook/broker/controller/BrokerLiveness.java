package dev.brook.broker.controller;

import dev.brook.broker.metadata.image.BrokerRegistration;
import dev.brook.broker.metadata.image.MetadataImage;
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
public final class BrokerLiveness {

  private final Time time;
  private final long sessionTimeoutMs;
  private final long clientRequestTimeoutMs;
  private final Map<Integer, Long> lastContactMs = new ConcurrentHashMap<>();
  private final Map<Integer, Long> shuttingDownEpochs = new ConcurrentHashMap<>();
  private volatile long activeSinceMs;

  public BrokerLiveness(Time time, long sessionTimeoutMs, long clientRequestTimeoutMs) {
    this.time = time;
    this.sessionTimeoutMs = sessionTimeoutMs;
    this.clientRequestTimeoutMs = clientRequestTimeoutMs;
    this.activeSinceMs = time.milliseconds();
  }

  public void touch(int brokerId) {
    lastContactMs.put(brokerId, time.milliseconds());
  }

  /** Forgets all sessions: called when this node becomes the active controller. */
  void reset() {
    lastContactMs.clear();
    shuttingDownEpochs.clear();
    activeSinceMs = time.milliseconds();
  }

  public void registered(int brokerId) {
    shuttingDownEpochs.remove(brokerId);
    touch(brokerId);
  }

  /** Drops what is known of an unregistered broker's session. */
  public void forget(int brokerId) {
    lastContactMs.remove(brokerId);
    shuttingDownEpochs.remove(brokerId);
  }

  public void shuttingDown(int brokerId, long epoch) {
    shuttingDownEpochs.put(brokerId, epoch);
  }

  public boolean isShuttingDown(int brokerId, long epoch) {
    Long shutting = shuttingDownEpochs.get(brokerId);
    return shutting != null && shutting == epoch;
  }

  /**
   * Unfenced brokers of {@code image} not heard from for longer than {@code silenceMs} (counted
   * from when this controller became active for brokers it has not heard from at all), still within
   * their session: candidates for a {@link ListenerProbe}.
   */
  List<Integer> silent(MetadataImage image, long silenceMs) {
    long now = time.milliseconds();
    List<Integer> silent = new ArrayList<>();
    for (BrokerRegistration broker : image.brokers().values()) {
      if (broker.fenced()) {
        continue;
      }
      Long last = lastContactMs.get(broker.id());
      long quietSince = last == null || last > now ? activeSinceMs : last;
      if (now - quietSince > silenceMs && (last == null || now - last <= sessionTimeoutMs)) {
        silent.add(broker.id());
      }
    }
    return silent;
  }

  /** Whether {@code brokerId} has been heard from within the last {@code silenceMs}. */
  boolean heardWithin(int brokerId, long silenceMs) {
    Long last = lastContactMs.get(brokerId);
    long now = time.milliseconds();
    return last != null && last <= now && now - last <= silenceMs;
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
