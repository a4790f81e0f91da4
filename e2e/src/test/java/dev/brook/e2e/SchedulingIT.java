package dev.brook.e2e;

import static dev.brook.e2e.TestPods.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.brook.e2e.junit.WithLocalKubernetes;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.AffinityBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real kube-scheduler places pods on the simulated nodes by their zone and hostname labels. */
@WithLocalKubernetes
class SchedulingIT {

  private static final String ZONE = "topology.kubernetes.io/zone";
  private static final String HOSTNAME = "kubernetes.io/hostname";

  private static String namespace;
  private KubernetesClient client;

  @BeforeAll
  static void createNamespace(KubernetesClient client) {
    namespace = TestPods.newNamespace(client, "scheduling");
  }

  @Test
  void shouldRegisterSixReadyNodesInThreeZones() {
    List<Node> nodes =
        client.nodes().withLabel("node.brook.dev/simulated", "true").list().getItems();

    assertThat(nodes).hasSize(6);
    Map<String, Long> nodesPerZone =
        nodes.stream()
            .collect(
                Collectors.groupingBy(
                    n -> n.getMetadata().getLabels().get(ZONE), Collectors.counting()));
    assertThat(nodesPerZone)
        .containsOnly(Map.entry("zone-a", 2L), Map.entry("zone-b", 2L), Map.entry("zone-c", 2L));
    assertThat(nodes)
        .allSatisfy(
            node ->
                assertThat(node.getStatus().getConditions())
                    .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus())));
  }

  @Test
  void shouldPlacePodsInTheirZoneOnDistinctHostsAndLeaveTheExtraOnePending() {
    for (int i = 0; i < 3; i++) {
      Pod pod =
          TestPods.shellPod("spread-" + i, "exec sleep 600")
              .editMetadata()
              .addToLabels("app", "spread")
              .endMetadata()
              .editSpec()
              .withAffinity(zoneAndOnePerHost("zone-b", "spread"))
              .endSpec()
              .build();
      client.pods().inNamespace(namespace).resource(pod).create();
    }

    await()
        .atMost(TIMEOUT)
        .until(() -> scheduledPods().size() == 2 && unschedulablePods().size() == 1);

    List<Pod> scheduled = scheduledPods();
    Set<String> hosts =
        scheduled.stream().map(p -> p.getSpec().getNodeName()).collect(Collectors.toSet());
    assertThat(hosts).hasSize(2);
    assertThat(hosts).allSatisfy(host -> assertThat(zoneOf(host)).isEqualTo("zone-b"));
    Pod pending = unschedulablePods().get(0);
    PodCondition unschedulable = TestPods.condition(pending, "PodScheduled");
    assertThat(pending.getStatus().getPhase()).isEqualTo("Pending");
    assertThat(unschedulable.getStatus()).isEqualTo("False");
    assertThat(unschedulable.getReason()).isEqualTo("Unschedulable");
    assertThat(unschedulable.getMessage())
        .contains("0/6 nodes are available")
        .contains("didn't match pod anti-affinity rules")
        .contains("didn't match Pod's node affinity/selector");
  }

  private static Affinity zoneAndOnePerHost(String zone, String app) {
    return new AffinityBuilder()
        .withNewNodeAffinity()
        .withNewRequiredDuringSchedulingIgnoredDuringExecution()
        .addNewNodeSelectorTerm()
        .addNewMatchExpression()
        .withKey(ZONE)
        .withOperator("In")
        .withValues(zone)
        .endMatchExpression()
        .endNodeSelectorTerm()
        .endRequiredDuringSchedulingIgnoredDuringExecution()
        .endNodeAffinity()
        .withNewPodAntiAffinity()
        .addNewRequiredDuringSchedulingIgnoredDuringExecution()
        .withTopologyKey(HOSTNAME)
        .withNewLabelSelector()
        .addToMatchLabels("app", app)
        .endLabelSelector()
        .endRequiredDuringSchedulingIgnoredDuringExecution()
        .endPodAntiAffinity()
        .build();
  }

  private List<Pod> scheduledPods() {
    return client
        .pods()
        .inNamespace(namespace)
        .withLabel("app", "spread")
        .list()
        .getItems()
        .stream()
        .filter(p -> p.getSpec().getNodeName() != null)
        .toList();
  }

  private List<Pod> unschedulablePods() {
    return client
        .pods()
        .inNamespace(namespace)
        .withLabel("app", "spread")
        .list()
        .getItems()
        .stream()
        .filter(p -> p.getSpec().getNodeName() == null && p.getStatus() != null)
        .filter(
            p -> {
              PodCondition scheduled = TestPods.condition(p, "PodScheduled");
              return scheduled != null && "False".equals(scheduled.getStatus());
            })
        .toList();
  }

  private String zoneOf(String nodeName) {
    return client.nodes().withName(nodeName).get().getMetadata().getLabels().get(ZONE);
  }
}
