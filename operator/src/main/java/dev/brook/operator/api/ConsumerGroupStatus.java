package dev.brook.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/** Observed state of a consumer group, refreshed periodically. */
public class ConsumerGroupStatus extends ObservedStatus {

  @JsonPropertyDescription("Kafka group id this resource observes.")
  private String groupId;

  @JsonPropertyDescription(
      "Group state as the coordinator reports it (Empty, Stable, PreparingRebalance, CompletingRebalance, Dead).")
  private String state;

  private List<GroupMemberStatus> members = new ArrayList<>();

  @JsonPropertyDescription(
      "Committed and end offsets and their difference, per partition with a committed offset.")
  private List<PartitionLag> offsets = new ArrayList<>();

  @JsonPropertyDescription("Sum of the lag of every partition.")
  private long totalLag;

  @JsonPropertyDescription(
      "requestId of the last offset reset applied; a reset with this id is not applied again.")
  private String appliedResetRequestId;

  public String getGroupId() {
    return groupId;
  }

  public void setGroupId(String groupId) {
    this.groupId = groupId;
  }

  public String getState() {
    return state;
  }

  public void setState(String state) {
    this.state = state;
  }

  public List<GroupMemberStatus> getMembers() {
    return members;
  }

  public void setMembers(List<GroupMemberStatus> members) {
    this.members = members;
  }

  public List<PartitionLag> getOffsets() {
    return offsets;
  }

  public void setOffsets(List<PartitionLag> offsets) {
    this.offsets = offsets;
  }

  public long getTotalLag() {
    return totalLag;
  }

  public void setTotalLag(long totalLag) {
    this.totalLag = totalLag;
  }

  public String getAppliedResetRequestId() {
    return appliedResetRequestId;
  }

  public void setAppliedResetRequestId(String appliedResetRequestId) {
    this.appliedResetRequestId = appliedResetRequestId;
  }
}
