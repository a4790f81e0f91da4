package dev.brook.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * The Raft controller quorum: brokers 0..count-1 as voters running both roles, or {@code count}
 * dedicated controller pods.
 */
public class ControllersSpec {

  @Min(1)
  @Max(9)
  @Default("3")
  @ValidationRule(
      value = "self % 2 == 1",
      message = "controllers.count must be odd so that a majority exists")
  @JsonPropertyDescription(
      "Number of voters, capped at the broker count; odd so that a majority exists. May change"
          + " once the quorum has formed: new voters join it, leaving ones are removed from it"
          + " before their pods restart as brokers only or go.")
  private int count = 3;

  @Default("false")
  @JsonPropertyDescription(
      "Run the voters as dedicated controller pods (process.roles=controller, node ids 1000 and"
          + " up, pods <cluster>-controller-<id>) that hold no partitions, as production KRaft"
          + " clusters do, instead of in brokers 0..count-1. Fixed at creation.")
  private boolean dedicated;

  public boolean isDedicated() {
    return dedicated;
  }

  public void setDedicated(boolean dedicated) {
    this.dedicated = dedicated;
  }

  public int getCount() {
    return count;
  }

  public void setCount(int count) {
    this.count = count;
  }
}
