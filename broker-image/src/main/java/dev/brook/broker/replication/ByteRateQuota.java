package dev.brook.broker.replication;

import java.util.function.LongSupplier;
import org.apache.kafka.common.utils.Time;

/**
 * A bytes-per-second budget as a token bucket holding at most one second of the rate: bytes are
 * recorded after they moved (the bucket may go below zero on a large read), and the quota counts as
 * exceeded until it has refilled above zero. The rate is read on every check, so a change applies
 * at once; {@link Long#MAX_VALUE} means unlimited.
 */
final class ByteRateQuota {

  private final LongSupplier bytesPerSecond;
  private final Time time;
  private double tokens;
  private long lastRefillNanos;

  ByteRateQuota(LongSupplier bytesPerSecond, Time time) {
    this.bytesPerSecond = bytesPerSecond;
    this.time = time;
    this.lastRefillNanos = time.nanoseconds();
    this.tokens = Math.min(bytesPerSecond.getAsLong(), Long.MAX_VALUE / 2);
  }

  /** Whether a rate is set at all. */
  boolean isLimited() {
    return bytesPerSecond.getAsLong() != Long.MAX_VALUE;
  }

  synchronized boolean isExceeded() {
    long rate = bytesPerSecond.getAsLong();
    if (rate == Long.MAX_VALUE) {
      return false;
    }
    refill(rate);
    return tokens <= 0;
  }

  synchronized void record(long bytes) {
    long rate = bytesPerSecond.getAsLong();
    if (rate == Long.MAX_VALUE || bytes <= 0) {
      return;
    }
    refill(rate);
    tokens -= bytes;
  }

  private void refill(long rate) {
    long now = time.nanoseconds();
    tokens = Math.min(rate, tokens + rate * ((now - lastRefillNanos) / 1e9));
    lastRefillNanos = now;
  }
}
