package dev.brook.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/** A consumer group to observe and, on request, reset. */
// The field-level rule on groupId is skipped when it goes from unset to set; this one is not.
@ValidationRule(
    value = "has(self.groupId) == has(oldSelf.groupId)",
    message =
        "groupId cannot be added or removed after creation: it would switch to another group;"
            + " create a new ConsumerGroup instead")
public class ConsumerGroupSpec {

  @Required
  @ValidationRule(value = "self == oldSelf", message = "cluster is immutable")
  @JsonPropertyDescription("Name of the Cluster, in this namespace, that holds the group.")
  private String cluster;

  @ValidationRule(
      value = "self == oldSelf",
      message = "groupId is immutable: create a new ConsumerGroup")
  @JsonPropertyDescription("Kafka group id; defaults to metadata.name.")
  private String groupId;

  @JsonPropertyDescription(
      "A declarative offset reset, applied once per requestId and only while the group has no members.")
  private OffsetResetSpec offsetReset;

  @Default("Retain")
  @JsonPropertyDescription(
      "Whether deleting this resource deletes the group (its committed offsets).")
  private DeletionPolicy deletionPolicy = DeletionPolicy.Retain;

  public String getCluster() {
    return cluster;
  }

  public void setCluster(String cluster) {
    this.cluster = cluster;
  }

  public String getGroupId() {
    return groupId;
  }

  public void setGroupId(String groupId) {
    this.groupId = groupId;
  }

  public OffsetResetSpec getOffsetReset() {
    return offsetReset;
  }

  public void setOffsetReset(OffsetResetSpec offsetReset) {
    this.offsetReset = offsetReset;
  }

  public DeletionPolicy getDeletionPolicy() {
    return deletionPolicy;
  }

  public void setDeletionPolicy(DeletionPolicy deletionPolicy) {
    this.deletionPolicy = deletionPolicy;
  }
}
