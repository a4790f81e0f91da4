package dev.brook.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.model.annotation.LabelSelector;
import io.fabric8.kubernetes.model.annotation.StatusReplicas;
import java.util.ArrayList;
import java.util.List;

/** Observed state of a Brook cluster, written only by the operator. */
public class ClusterStatus extends ObservedStatus {

  @JsonPropertyDescription("One entry per broker id the spec asks for.")
  private List<BrokerStatus> brokers = new ArrayList<>();

  @JsonPropertyDescription("Comma-separated host:port list of every broker, for bootstrap.servers.")
  private String bootstrap;

  @JsonPropertyDescription("Broker pods that exist (the scale subresource's status.replicas).")
  @StatusReplicas
  private int replicas;

  @JsonPropertyDescription(
      "Label selector of the broker pods (the scale subresource's status.selector).")
  @LabelSelector
  private String selector;

  @JsonPropertyDescription(
      "Hash of the broker configuration and image that every broker runs; a roll is done when all pods carry it.")
  private String configHash;

  @JsonPropertyDescription(
      "The partition moves running now (heal, rebalance or drain); absent when none runs.")
  private PartitionMovesStatus partitionMoves;

  @JsonPropertyDescription(
      "Disruptive operations waiting for the running one to finish (one runs at a time).")
  private List<String> queuedOperations = new ArrayList<>();

  @JsonPropertyDescription(
      "Brokers the operator cordoned (cordoned.log.dirs=*: no new partitions) because a scale-down"
          + " removes them; uncordoned if they stay after all.")
  private List<Integer> cordonedBrokers = new ArrayList<>();

  public List<Integer> getCordonedBrokers() {
    return cordonedBrokers;
  }

  public void setCordonedBrokers(List<Integer> cordonedBrokers) {
    this.cordonedBrokers = cordonedBrokers;
  }

  public PartitionMovesStatus getPartitionMoves() {
    return partitionMoves;
  }

  public void setPartitionMoves(PartitionMovesStatus partitionMoves) {
    this.partitionMoves = partitionMoves;
  }

  public List<String> getQueuedOperations() {
    return queuedOperations;
  }

  public void setQueuedOperations(List<String> queuedOperations) {
    this.queuedOperations = queuedOperations;
  }

  public List<BrokerStatus> getBrokers() {
    return brokers;
  }

  public void setBrokers(List<BrokerStatus> brokers) {
    this.brokers = brokers;
  }

  public String getBootstrap() {
    return bootstrap;
  }

  public void setBootstrap(String bootstrap) {
    this.bootstrap = bootstrap;
  }

  public int getReplicas() {
    return replicas;
  }

  public void setReplicas(int replicas) {
    this.replicas = replicas;
  }

  public String getSelector() {
    return selector;
  }

  public void setSelector(String selector) {
    this.selector = selector;
  }

  @JsonPropertyDescription(
      "The Kafka cluster id the brokers are given (cluster.id), fixed at creation from the"
          + " Cluster's uid; absent for Clusters created before Brook fixed it (their brokers"
          + " derive it from the voters).")
  private String clusterId;

  @JsonPropertyDescription(
      "True once the controller quorum has formed (the Cluster was Ready once): brokers started"
          + " from then on join the existing quorum instead of forming one.")
  private Boolean quorumFormed;

  public String getClusterId() {
    return clusterId;
  }

  public void setClusterId(String clusterId) {
    this.clusterId = clusterId;
  }

  public Boolean getQuorumFormed() {
    return quorumFormed;
  }

  public void setQuorumFormed(Boolean quorumFormed) {
    this.quorumFormed = quorumFormed;
  }

  public String getConfigHash() {
    return configHash;
  }

  public void setConfigHash(String configHash) {
    this.configHash = configHash;
  }
}
