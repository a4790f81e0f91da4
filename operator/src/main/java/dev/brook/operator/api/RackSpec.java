package dev.brook.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;

/** How brokers map to racks: by a label of the nodes. */
public class RackSpec {

  @Default("topology.kubernetes.io/zone")
  @JsonPropertyDescription("Node label whose value is a broker's rack (broker.rack).")
  private String topologyKey = "topology.kubernetes.io/zone";

  public String getTopologyKey() {
    return topologyKey;
  }

  public void setTopologyKey(String topologyKey) {
    this.topologyKey = topologyKey;
  }
}
