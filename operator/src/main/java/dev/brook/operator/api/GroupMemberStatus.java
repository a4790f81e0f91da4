package dev.brook.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/** A member of the group and the partitions assigned to it. */
public class GroupMemberStatus {

  private String memberId;

  private String clientId;

  private String host;

  @JsonPropertyDescription("Assigned partitions as topic-partition strings.")
  private List<String> assignments = new ArrayList<>();

  public String getMemberId() {
    return memberId;
  }

  public void setMemberId(String memberId) {
    this.memberId = memberId;
  }

  public String getClientId() {
    return clientId;
  }

  public void setClientId(String clientId) {
    this.clientId = clientId;
  }

  public String getHost() {
    return host;
  }

  public void setHost(String host) {
    this.host = host;
  }

  public List<String> getAssignments() {
    return assignments;
  }

  public void setAssignments(List<String> assignments) {
    this.assignments = assignments;
  }
}
