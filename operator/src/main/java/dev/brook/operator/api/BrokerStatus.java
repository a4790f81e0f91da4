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

  public boolean isReady() {
    return ready;
  }

  public void setReady(boolean ready) {
    this.ready = ready;
  }
}
