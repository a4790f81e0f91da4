package dev.brook.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/**
 * Ports of the broker listeners (PLAINTEXT for clients and replication, CONTROLLER for Raft) and of
 * its HTTP endpoint (health and metrics).
 */
public class ListenersSpec {

  @Min(1)
  @Max(65535)
  @Default("9092")
  @JsonPropertyDescription("Client port, also used between brokers.")
  private int clientPort = 9092;

  @Min(1)
  @Max(65535)
  @Default("9093")
  @JsonPropertyDescription("Controller quorum port.")
  private int controllerPort = 9093;

  @Min(1)
  @Max(65535)
  @Default("9404")
  @JsonPropertyDescription(
      "Port of the broker's HTTP endpoint: /health/live, /health/ready (the pods' probes) and"
          + " /metrics (Prometheus).")
  private int httpPort = 9404;

  public int getClientPort() {
    return clientPort;
  }

  public void setClientPort(int clientPort) {
    this.clientPort = clientPort;
  }

  public int getControllerPort() {
    return controllerPort;
  }

  public void setControllerPort(int controllerPort) {
    this.controllerPort = controllerPort;
  }

  public int getHttpPort() {
    return httpPort;
  }

  public void setHttpPort(int httpPort) {
    this.httpPort = httpPort;
  }
}
