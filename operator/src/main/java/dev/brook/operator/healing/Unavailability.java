package dev.brook.operator.healing;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.Map;
import java.util.Optional;

/**
 * Why a broker's pod cannot serve, read from the pod and its node: gone, failed (evicted),
 * terminating, on a node that is not ready, or not ready itself.
 */
public final class Unavailability {

  private Unavailability() {}

  /**
   * @param pod the broker's pod, empty when it has none
   * @param nodes the cluster's nodes by name
   * @return the reason, empty when the broker's pod is ready on a ready node
   */
  public static Optional<String> of(Optional<Pod> pod, Map<String, Node> nodes) {
    if (pod.isEmpty()) {
      return Optional.of("pod missing");
    }
    Pod p = pod.get();
    String nodeName = p.getSpec() == null ? null : p.getSpec().getNodeName();
    if (nodeName != null) {
      Node node = nodes.get(nodeName);
      if (node == null) {
        return Optional.of("node " + nodeName + " is gone");
      }
      if (!isReady(node)) {
        return Optional.of("node " + nodeName + " is not ready");
      }
    }
    if (isFailed(p)) {
      String reason = p.getStatus().getReason();
      return Optional.of("pod failed" + (reason == null ? "" : " (" + reason + ")"));
    }
    if (p.getMetadata().getDeletionTimestamp() != null) {
      return Optional.of("pod terminating");
    }
    if (!isReady(p)) {
      return Optional.of(nodeName == null ? "pod not scheduled" : "pod not ready");
    }
    return Optional.empty();
  }

  /** A pod that ended for good: Failed (evicted, or its containers failed with restarts off). */
  public static boolean isFailed(Pod pod) {
    return pod.getStatus() != null && "Failed".equals(pod.getStatus().getPhase());
  }

  public static boolean isReady(Node node) {
    return node.getStatus() != null
        && node.getStatus().getConditions() != null
        && node.getStatus().getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  /** The pod's Ready condition is True. */
  public static boolean isReady(Pod pod) {
    return pod.getStatus() != null
        && pod.getStatus().getConditions() != null
        && pod.getStatus().getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }
}
