package dev.brook.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/** Observed state of a topic, read back through the Admin API. */
public class TopicStatus extends ObservedStatus {

  @JsonPropertyDescription("Kafka name of the topic this resource manages.")
  private String topicName;

  @JsonPropertyDescription("Kafka topic id (base64 UUID).")
  private String topicId;

  @JsonPropertyDescription("Union of the racks holding replicas of the topic.")
  private List<String> racks = new ArrayList<>();

  private List<PartitionStatus> partitions = new ArrayList<>();

  @JsonPropertyDescription(
      "The replication factor change in progress (operation ReplicationFactor), absent otherwise.")
  private PartitionMovesStatus partitionMoves;

  public PartitionMovesStatus getPartitionMoves() {
    return partitionMoves;
  }

  public void setPartitionMoves(PartitionMovesStatus partitionMoves) {
    this.partitionMoves = partitionMoves;
  }

  public String getTopicName() {
    return topicName;
  }

  public void setTopicName(String topicName) {
    this.topicName = topicName;
  }

  public String getTopicId() {
    return topicId;
  }

  public void setTopicId(String topicId) {
    this.topicId = topicId;
  }

  public List<String> getRacks() {
    return racks;
  }

  public void setRacks(List<String> racks) {
    this.racks = racks;
  }

  public List<PartitionStatus> getPartitions() {
    return partitions;
  }

  public void setPartitions(List<PartitionStatus> partitions) {
    this.partitions = partitions;
  }
}
