package dev.brook.e2e.nodeagent;

import java.util.ArrayList;
import java.util.List;

/** One simulated node: its name and its zone ({@code topology.kubernetes.io/zone}). */
public record SimulatedNode(String name, String zone) {

  /** {@code nodesPerZone} nodes in each zone, named {@code brook-<zone>-<n>}. */
  public static List<SimulatedNode> spread(List<String> zones, int nodesPerZone) {
    List<SimulatedNode> nodes = new ArrayList<>();
    for (String zone : zones) {
      for (int i = 1; i <= nodesPerZone; i++) {
        nodes.add(new SimulatedNode("brook-" + zone + "-" + i, zone));
      }
    }
    return List.copyOf(nodes);
  }
}
