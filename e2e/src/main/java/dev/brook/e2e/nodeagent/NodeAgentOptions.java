package dev.brook.e2e.nodeagent;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How the node agent simulates its nodes.
 *
 * @param nodes the nodes to register (default: two in each of zone-a, zone-b, zone-c)
 * @param stateDirectory pod working directories, per-container logs and provisioned volumes
 * @param launchers how container images map to local programs
 * @param leaseRenewInterval how often each node renews its lease in {@code kube-node-lease}
 * @param initialRestartBackoff first delay before restarting an exited container (kubelet: 10 s)
 * @param maxRestartBackoff cap of the doubling back-off (kubelet: 300 s)
 * @param firstPodIp the first loopback pod address (127.0.x.y); agents that run at the same time
 *     (e.g. {@code make dev} and a test run) need disjoint ranges, or their pods' ports collide
 * @param containerEngine the engine ({@code podman}, {@code docker}) that runs pods whose image is
 *     in its local store; empty: every pod runs as local processes
 */
public record NodeAgentOptions(
    List<SimulatedNode> nodes,
    Path stateDirectory,
    ImageLaunchers launchers,
    Duration leaseRenewInterval,
    Duration initialRestartBackoff,
    Duration maxRestartBackoff,
    String firstPodIp,
    Optional<String> containerEngine) {

  public static final List<String> DEFAULT_ZONES = List.of("zone-a", "zone-b", "zone-c");

  /** Six nodes in three zones, kubelet-like restart back-off. */
  public static NodeAgentOptions defaults(Path stateDirectory, ImageLaunchers launchers) {
    return new NodeAgentOptions(
        SimulatedNode.spread(DEFAULT_ZONES, 2),
        stateDirectory,
        launchers,
        Duration.ofSeconds(2),
        Duration.ofSeconds(10),
        Duration.ofSeconds(300),
        "127.0.1.1",
        Optional.empty());
  }

  /** Same nodes with a short back-off, so restart tests take seconds rather than minutes. */
  public NodeAgentOptions withRestartBackoff(Duration initial, Duration max) {
    return new NodeAgentOptions(
        nodes,
        stateDirectory,
        launchers,
        leaseRenewInterval,
        initial,
        max,
        firstPodIp,
        containerEngine);
  }

  /** Same options, pod addresses allocated from {@code ip} upward. */
  public NodeAgentOptions withFirstPodIp(String ip) {
    return new NodeAgentOptions(
        nodes,
        stateDirectory,
        launchers,
        leaseRenewInterval,
        initialRestartBackoff,
        maxRestartBackoff,
        ip,
        containerEngine);
  }

  /** Same options with other nodes. */
  public NodeAgentOptions withNodes(List<SimulatedNode> otherNodes) {
    return new NodeAgentOptions(
        otherNodes,
        stateDirectory,
        launchers,
        leaseRenewInterval,
        initialRestartBackoff,
        maxRestartBackoff,
        firstPodIp,
        containerEngine);
  }

  /** Same options; pods whose image {@code engine} has locally run in containers. */
  public NodeAgentOptions withContainerEngine(String engine) {
    return new NodeAgentOptions(
        nodes,
        stateDirectory,
        launchers,
        leaseRenewInterval,
        initialRestartBackoff,
        maxRestartBackoff,
        firstPodIp,
        Optional.of(engine));
  }
}
