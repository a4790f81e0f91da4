package dev.brook.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/** Replicas, leader and in-sync replicas of one partition, with the racks they cover. */
public class PartitionStatus {

  private int partition;

  @JsonPropertyDescription("Broker id of the leader, or -1 when the partition has none.")
  private int leader;

  private List<Integer> replicas = new ArrayList<>();

  private List<Integer> isr = new ArrayList<>();

  @JsonPropertyDescription("Distinct racks of the replicas.")
  private List<String> racks = new ArrayList<>();

  public int getPartition() {
    return partition;
  }

  public void setPartition(int partition) {
    this.partition = partition;
  }

  public int getLeader() {
    return leader;
  }

  public void setLeader(int leader) {
    this.leader = leader;
  }

  public List<Integer> getReplicas() {
    return replicas;
  }

  public void setReplicas(List<Integer> replicas) {
    this.replicas = replicas;
  }

  public List<Integer> getIsr() {
    return isr;
  }

  public void setIsr(List<Integer> isr) {
    this.isr = isr;
  }

  public List<String> getRacks() {
    return racks;
  }

  public void setRacks(List<String> racks) {
    this.racks = racks;
  }
}
