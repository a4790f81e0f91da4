package dev.brook.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.Map;
import java.util.TreeMap;

/** Desired state of one topic. Partitions may grow; the replication factor is fixed. */
// A field-level "self == oldSelf" is not evaluated when the field goes from unset to set, so
// adding topicName later would silently switch to another Kafka topic; the object-level rule
// sees both sides.
@ValidationRule(
    value = "has(self.topicName) == has(oldSelf.topicName)",
    message =
        "topicName cannot be added or removed after creation: it would switch to another Kafka"
            + " topic; create a new Topic instead")
public class TopicSpec {

  @Required
  @ValidationRule(
      value = "self == oldSelf",
      message = "cluster is immutable: a Topic cannot move between clusters")
  @JsonPropertyDescription("Name of the Cluster, in this namespace, that holds the topic.")
  private String cluster;

  @Pattern("^[a-zA-Z0-9._-]{1,249}$")
  @ValidationRule(
      value = "self == oldSelf",
      message = "topicName is immutable: create a new Topic to rename")
  @JsonPropertyDescription(
      "Kafka topic name; defaults to metadata.name, so names Kubernetes forbids (upper case, underscores) still work.")
  private String topicName;

  @Min(1)
  @Max(100000)
  @Default("1")
  @ValidationRule(
      value = "self >= oldSelf",
      message = "partitions can grow but never shrink: Kafka cannot remove partitions")
  @JsonPropertyDescription("Number of partitions.")
  private int partitions = 1;

  @Min(1)
  @Max(32)
  @Default("3")
  @JsonPropertyDescription(
      "Replicas per partition; at most the number of brokers. Changing it adds or removes replicas by partition reassignment (racks first), in batches of the Cluster's spec.healing.maxConcurrentMoves.")
  private int replicationFactor = 3;

  @JsonPropertyDescription(
      "Topic configuration (Kafka key names, e.g. retention.ms); applied incrementally, keys removed here revert to the broker default.")
  private Map<String, String> config = new TreeMap<>();

  @Default("Delete")
  @JsonPropertyDescription("Whether deleting this resource deletes the topic.")
  private DeletionPolicy deletionPolicy = DeletionPolicy.Delete;

  public String getCluster() {
    return cluster;
  }

  public void setCluster(String cluster) {
    this.cluster = cluster;
  }

  public String getTopicName() {
    return topicName;
  }

  public void setTopicName(String topicName) {
    this.topicName = topicName;
  }

  public int getPartitions() {
    return partitions;
  }

  public void setPartitions(int partitions) {
    this.partitions = partitions;
  }

  public int getReplicationFactor() {
    return replicationFactor;
  }

  public void setReplicationFactor(int replicationFactor) {
    this.replicationFactor = replicationFactor;
  }

  public Map<String, String> getConfig() {
    return config;
  }

  public void setConfig(Map<String, String> config) {
    this.config = config;
  }

  public DeletionPolicy getDeletionPolicy() {
    return deletionPolicy;
  }

  public void setDeletionPolicy(DeletionPolicy deletionPolicy) {
    this.deletionPolicy = deletionPolicy;
  }
}
