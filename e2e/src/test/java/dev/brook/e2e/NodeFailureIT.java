package dev.brook.e2e;

import static dev.brook.e2e.TestPods.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.brook.e2e.junit.WithLocalKubernetes;
import dev.brook.e2e.nodeagent.NodeAgent;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A stopped node behaves like a lost machine. The shared cluster runs the controller-manager with
 * {@code --node-monitor-grace-period=12s} (upstream default 50 s), so NotReady shows within about
 * 15 s instead of a minute; see {@code LocalKubernetesOptions.forTests}.
 */
@WithLocalKubernetes
class NodeFailureIT {

  private static final String NODE = "brook-zone-c-2";

  private static String namespace;
  private KubernetesClient client;
  private NodeAgent agent;

  @BeforeAll
  static void createNamespace(KubernetesClient client) {
    namespace = TestPods.newNamespace(client, "node-failure");
  }

  @Test
  void shouldMarkNodeNotReadyAndKillItsProcessesWhenNodeStops() {
    Pod pinned =
        TestPods.shellPod("on-lost-node", "exec sleep 600")
            .editSpec()
            .addToNodeSelector("kubernetes.io/hostname", NODE)
            .endSpec()
            .build();
    client.pods().inNamespace(namespace).resource(pinned).create();
    await()
        .atMost(TIMEOUT)
        .until(() -> TestPods.isReady(TestPods.get(client, namespace, "on-lost-node")));
    List<Long> pids = agent.processIds(namespace, "on-lost-node");
    assertThat(pids).hasSize(1);

    agent.stopNode(NODE);
    try {
      assertThat(ProcessHandle.of(pids.get(0)).filter(ProcessHandle::isAlive)).isEmpty();
      await().atMost(Duration.ofSeconds(45)).until(() -> !"True".equals(readyStatus()));
      NodeCondition ready = readyCondition();
      assertThat(ready.getStatus()).isEqualTo("Unknown");
      assertThat(ready.getReason()).isEqualTo("NodeStatusUnknown");
    } finally {
      agent.restartNode(NODE);
      await().atMost(TIMEOUT).until(() -> "True".equals(readyStatus()));
    }
  }

  private String readyStatus() {
    NodeCondition ready = readyCondition();
    return ready == null ? null : ready.getStatus();
  }

  private NodeCondition readyCondition() {
    Node node = client.nodes().withName(NODE).get();
    return node.getStatus().getConditions().stream()
        .filter(c -> "Ready".equals(c.getType()))
        .findFirst()
        .orElse(null);
  }
}
