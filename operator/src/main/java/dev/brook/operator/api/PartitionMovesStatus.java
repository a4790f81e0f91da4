package dev.brook.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/**
 * The partition moves the operator is running: healing a lost broker, rebalancing onto new brokers
 * or draining leaving ones (a Cluster's), or changing a topic's replication factor (a Topic's).
 * Counts are read back from the cluster at every reconciliation, so a restarted operator resumes
 * from them.
 */
public class PartitionMovesStatus {

  @JsonPropertyDescription("Heal, Rebalance, Drain (Cluster) or ReplicationFactor (Topic).")
  private String operation;

  @JsonPropertyDescription(
      "The brokers healed, drained or rebalanced onto; empty for ReplicationFactor.")
  private List<Integer> brokers = new ArrayList<>();

  @JsonPropertyDescription("When the operation started (RFC 3339).")
  private String startedAt;

  @JsonPropertyDescription("Partitions the operation has to move, counted when it started.")
  private int partitionsTotal;

  @JsonPropertyDescription("Partitions moved so far.")
  private int partitionsDone;

  @JsonPropertyDescription(
      "Partitions being reassigned now (the current batch), as topic-partition.")
  private List<String> moving = new ArrayList<>();

  @JsonPropertyDescription(
      "Bytes copied so far to the new replicas of the current batch that are still catching up"
          + " (DescribeLogDirs); absent when nothing is copying.")
  private Long bytesCopied;

  @JsonPropertyDescription(
      "Bytes the new replicas of the current batch still catching up need in all: their leaders'"
          + " log sizes.")
  private Long bytesToCopy;

  public Long getBytesCopied() {
    return bytesCopied;
  }

  public void setBytesCopied(Long bytesCopied) {
    this.bytesCopied = bytesCopied;
  }

  public Long getBytesToCopy() {
    return bytesToCopy;
  }

  public void setBytesToCopy(Long bytesToCopy) {
    this.bytesToCopy = bytesToCopy;
  }

  public String getOperation() {
    return operation;
  }

  public void setOperation(String operation) {
    this.operation = operation;
  }

  public List<Integer> getBrokers() {
    return brokers;
  }

  public void setBrokers(List<Integer> brokers) {
    this.brokers = brokers;
  }

  public String getStartedAt() {
    return startedAt;
  }

  public void setStartedAt(String startedAt) {
    this.startedAt = startedAt;
  }

  public int getPartitionsTotal() {
    return partitionsTotal;
  }

  public void setPartitionsTotal(int partitionsTotal) {
    this.partitionsTotal = partitionsTotal;
  }

  public int getPartitionsDone() {
    return partitionsDone;
  }

  public void setPartitionsDone(int partitionsDone) {
    this.partitionsDone = partitionsDone;
  }

  public List<String> getMoving() {
    return moving;
  }

  public void setMoving(List<String> moving) {
    this.moving = moving;
  }
}
