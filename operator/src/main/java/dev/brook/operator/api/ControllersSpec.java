package dev.brook.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;

/** The Raft controller quorum. Brokers 0..count-1 are its voters and run both roles. */
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

  public int getCount() {
    return count;
  }

  public void setCount(int count) {
    this.count = count;
  }
}
