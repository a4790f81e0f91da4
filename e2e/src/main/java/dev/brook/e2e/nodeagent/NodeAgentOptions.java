package dev.brook.e2e.nodeagent;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How the node agent simulates its nodes.
 *
 * @param nodes the nodes to register (default: two in each of zone-a, zone-b, zone-c)
 * @param stateDirectory pod working directories, per-container logs and provisioned volumes
 * @param launchers how container images map to local programs
 * @param leaseRenewInterval how often each node renews its lease in {@code kube-node-lease}
 * @param initialRestartBackoff first delay before restarting an exited container (kubelet: 10 s)
 * @param maxRestartBackoff cap of the doubling back-off (kubelet: 300 s)
 */
public record NodeAgentOptions(
    List<SimulatedNode> nodes,
    Path stateDirectory,
    ImageLaunchers launchers,
    Duration leaseRenewInterval,
    Duration initialRestartBackoff,
    Duration maxRestartBackoff) {

  public static final List<String> DEFAULT_ZONES = List.of("zone-a", "zone-b", "zone-c");

  /** Six nodes in three zones, kubelet-like restart back-off. */
  public static NodeAgentOptions defaults(Path stateDirectory, ImageLaunchers launchers) {
    return new NodeAgentOptions(
        SimulatedNode.spread(DEFAULT_ZONES, 2),
        stateDirectory,
        launchers,
        Duration.ofSeconds(2),
        Duration.ofSeconds(10),
        Duration.ofSeconds(300));
  }

  /** Same nodes with a short back-off, so restart tests take seconds rather than minutes. */
  public NodeAgentOptions withRestartBackoff(Duration initial, Duration max) {
    return new NodeAgentOptions(nodes, stateDirectory, launchers, leaseRenewInterval, initial, max);
  }
}
