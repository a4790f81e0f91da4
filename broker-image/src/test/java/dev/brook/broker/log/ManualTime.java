package dev.brook.broker.log;

import java.util.function.Supplier;
import org.apache.kafka.common.utils.Time;

/** A clock that only moves when the test says so. */
public final class ManualTime implements Time {

  private volatile long nowMs;

  public ManualTime(long startMs) {
    this.nowMs = startMs;
  }

  public void advance(long ms) {
    nowMs += ms;
  }

  @Override
  public long milliseconds() {
    return nowMs;
  }

  @Override
  public long nanoseconds() {
    return nowMs * 1_000_000L;
  }

  @Override
  public void sleep(long ms) {
    advance(ms);
  }

  @Override
  public void waitObject(Object obj, Supplier<Boolean> condition, long deadlineMs) {
    if (!condition.get()) {
      throw new IllegalStateException("ManualTime cannot wait for a condition");
    }
  }
}
