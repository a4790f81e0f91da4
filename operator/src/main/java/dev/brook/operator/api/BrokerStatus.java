package dev.brook.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** One broker as the operator last saw it. */
public class BrokerStatus {

  private int id;

  private String pod;

  private String node;

  private String rack;

  @JsonPropertyDescription("Pod phase, or Missing when the pod does not exist.")
  private String phase;

  private boolean ready;

  @JsonPropertyDescription(
      "Since when the broker has been unavailable (RFC 3339); absent while it is available.")
  private String unavailableSince;

  @JsonPropertyDescription("Why the broker is unavailable: its pod or node state.")
  private String unavailableReason;

  @JsonPropertyDescription(
      "Set once the broker has been unavailable for longer than spec.healing.gracePeriod and the"
          + " controller has fenced it: its partitions are moved to other brokers.")
  private boolean lost;

  @JsonPropertyDescription(
      "The broker is leaving (above spec.replicas): it gets no new partitions and is drained.")
  private boolean leaving;

  public int getId() {
    return id;
  }

  public void setId(int id) {
    this.id = id;
  }

  public String getPod() {
    return pod;
  }

  public void setPod(String pod) {
    this.pod = pod;
  }

  public String getNode() {
    return node;
  }

  public void setNode(String node) {
    this.node = node;
  }

  public String getRack() {
    return rack;
  }

  public void setRack(String rack) {
    this.rack = rack;
  }

  public String getPhase() {
    return phase;
  }

  public void setPhase(String phase) {
    this.phase = phase;
  }

  public String getUnavailableSince() {
    return unavailableSince;
  }

  public void setUnavailableSince(String unavailableSince) {
    this.unavailableSince = unavailableSince;
  }

  public String getUnavailableReason() {
    return unavailableReason;
  }

  public void setUnavailableReason(String unavailableReason) {
    this.unavailableReason = unavailableReason;
  }

  public boolean isLost() {
    return lost;
  }

  public void setLost(boolean lost) {
    this.lost = lost;
  }

  public boolean isLeaving() {
    return leaving;
  }

  public void setLeaving(boolean leaving) {
    this.leaving = leaving;
  }

  public boolean isReady() {
    return ready;
  }

  public void setReady(boolean ready) {
    this.ready = ready;
  }
}
