package dev.brook.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import java.time.Duration;

/**
 * How the operator heals and moves partitions: when a broker counts as lost, how many partitions
 * move at once, and how long a scale-down drain may take.
 */
public class HealingSpec {

  static final String DURATION_PATTERN = "^([0-9]+(ms|s|m|h))+$";

  @Default("2m")
  @Pattern(DURATION_PATTERN)
  @JsonPropertyDescription(
      "How long a broker must be unavailable (pod gone, failed, terminating or not ready, or its"
          + " node not ready) and fenced by the controller before its partitions move to other"
          + " brokers and its pod is replaced; 0s disables healing. Go-style duration: 90s, 2m.")
  private String gracePeriod = "2m";

  @Default("10")
  @Min(1)
  @Max(1000)
  @JsonPropertyDescription("Partitions being reassigned at once, by healing, rebalancing or drain.")
  private int maxConcurrentMoves = 10;

  @Default("0")
  @Min(0)
  @JsonPropertyDescription(
      "Replication throttle while partitions move (bytes per second, per broker, leader and"
          + " follower side, as kafka-reassign-partitions --throttle sets it): replicas that copy"
          + " data stay within it, in-sync replicas are never slowed. 0: no throttle.")
  private long throttleBytesPerSecond;

  @Default("30m")
  @Pattern(DURATION_PATTERN)
  @JsonPropertyDescription(
      "How long a scale-down drain may take before it is reported as DrainFailed; the leaving"
          + " brokers are kept until it finishes.")
  private String drainTimeout = "30m";

  public String getGracePeriod() {
    return gracePeriod;
  }

  public void setGracePeriod(String gracePeriod) {
    this.gracePeriod = gracePeriod;
  }

  public int getMaxConcurrentMoves() {
    return maxConcurrentMoves;
  }

  public void setMaxConcurrentMoves(int maxConcurrentMoves) {
    this.maxConcurrentMoves = maxConcurrentMoves;
  }

  public long getThrottleBytesPerSecond() {
    return throttleBytesPerSecond;
  }

  public void setThrottleBytesPerSecond(long throttleBytesPerSecond) {
    this.throttleBytesPerSecond = throttleBytesPerSecond;
  }

  public String getDrainTimeout() {
    return drainTimeout;
  }

  public void setDrainTimeout(String drainTimeout) {
    this.drainTimeout = drainTimeout;
  }

  public Duration gracePeriod() {
    return Durations.parse(gracePeriod);
  }

  public Duration drainTimeout() {
    return Durations.parse(drainTimeout);
  }

  public boolean enabled() {
    return !gracePeriod().isZero();
  }
}
