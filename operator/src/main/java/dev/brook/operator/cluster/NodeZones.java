package dev.brook.operator.cluster;

import io.fabric8.kubernetes.api.model.Node;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/** The zones of the nodes brokers can be scheduled on . */
final class NodeZones {

  private NodeZones() {}

  /** Distinct values of {@code topologyKey} over schedulable nodes, sorted. */
  static List<String> of(Collection<Node> nodes, String topologyKey) {
    return List.copyOf(
        nodes.stream()
            .filter(node -> !Boolean.TRUE.equals(node.getSpec().getUnschedulable()))
            .map(Node::getMetadata)
            .map(metadata -> labelOrNull(metadata.getLabels(), topologyKey))
            .filter(Objects::nonNull)
            .collect(java.util.stream.Collectors.toCollection(TreeSet::new)));
  }

  private static String labelOrNull(Map<String, String> labels, String key) {
    return labels == null ? null : labels.get(key);
  }
}
