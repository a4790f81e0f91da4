package dev.brook.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.List;

/** Where to move the group's committed offsets. */
@ValidationRule(
    value = "self.to != 'Timestamp' || has(self.timestamp)",
    message = "offsetReset.timestamp is required when to is Timestamp")
@ValidationRule(
    value = "self.to != 'Offsets' || has(self.offsets)",
    message = "offsetReset.offsets is required when to is Offsets")
public class OffsetResetSpec {

  @Required
  @Pattern("^[a-zA-Z0-9._-]{1,63}$")
  @JsonPropertyDescription(
      "Identifies this request: a reset is applied once per requestId; change it to reset again.")
  private String requestId;

  @Required private OffsetResetTarget to;

  @JsonPropertyDescription("RFC 3339 time, for to=Timestamp: the first offset at or after it.")
  private String timestamp;

  @JsonPropertyDescription(
      "Topics to reset; defaults to every topic the group has committed offsets for.")
  private List<String> topics = new ArrayList<>();

  @JsonPropertyDescription("Explicit offsets, for to=Offsets.")
  private List<PartitionOffset> offsets = new ArrayList<>();

  public String getRequestId() {
    return requestId;
  }

  public void setRequestId(String requestId) {
    this.requestId = requestId;
  }

  public OffsetResetTarget getTo() {
    return to;
  }

  public void setTo(OffsetResetTarget to) {
    this.to = to;
  }

  public String getTimestamp() {
    return timestamp;
  }

  public void setTimestamp(String timestamp) {
    this.timestamp = timestamp;
  }

  public List<String> getTopics() {
    return topics;
  }

  public void setTopics(List<String> topics) {
    this.topics = topics;
  }

  public List<PartitionOffset> getOffsets() {
    return offsets;
  }

  public void setOffsets(List<PartitionOffset> offsets) {
    this.offsets = offsets;
  }
}
