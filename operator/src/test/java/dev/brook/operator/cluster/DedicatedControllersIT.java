package dev.brook.operator.cluster;

import static dev.brook.operator.testing.KafkaClients.admin;
import static dev.brook.operator.testing.KafkaClients.consumeCount;
import static dev.brook.operator.testing.KafkaClients.produceAcked;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.brook.e2e.junit.WithLocalKubernetes;
import dev.brook.operator.api.Cluster;
import dev.brook.operator.api.Topic;
import dev.brook.operator.cluster.model.ClusterNames;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.QuorumInfo;
import org.apache.kafka.common.Node;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A Cluster with dedicated controllers ({@code spec.controllers.dedicated}): three controller pods
 * (node ids 1000-1002, process.roles=controller) form the quorum and two broker pods serve clients;
 * deleting the active controller's pod hands the quorum to another controller, the pod comes back
 * and rejoins, and clients go on.
 */
@WithLocalKubernetes
class DedicatedControllersIT {

  private static final List<Integer> CONTROLLERS = List.of(1000, 1001, 1002);

  private static KubernetesClient client;
  private static TestCluster cluster;

  @BeforeAll
  static void start(KubernetesClient kubernetes) {
    client = kubernetes;
    cluster =
        TestCluster.start(
            client,
            "dedicated",
            spec -> {
              spec.setReplicas(2);
              spec.getControllers().setCount(3);
              spec.getControllers().setDedicated(true);
              spec.setConfig(Map.of());
            });
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  @Test
  void shouldServeClientsFromBrokersAndSurviveTheActiveControllersPodBeingDeleted()
      throws Exception {
    Cluster ready = cluster.awaitReconciled(2);
    String bootstrap = ready.getStatus().getBootstrap();
    assertThat(roles(ClusterNames.controllerPod(ready, 1000))).isEqualTo("controller");
    assertThat(roles(ClusterNames.brokerPod(ready, 0))).isEqualTo("broker");
    Topic orders = client.resource(cluster.topic("orders", 4, 2)).create();
    cluster.awaitTopicReady(orders, 4);
    produceAcked(bootstrap, "orders", 100);

    int active;
    try (Admin admin = admin(bootstrap)) {
      assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS))
          .extracting(Node::id)
          .containsExactlyInAnyOrder(0, 1);
      QuorumInfo quorum = admin.describeMetadataQuorum().quorumInfo().get(30, TimeUnit.SECONDS);
      assertThat(quorum.voters())
          .extracting(QuorumInfo.ReplicaState::replicaId)
          .containsExactlyInAnyOrderElementsOf(CONTROLLERS);
      active = quorum.leaderId();
      assertThat(active).isIn(CONTROLLERS);

      Pod before =
          client
              .pods()
              .inNamespace(cluster.namespace())
              .withName(ClusterNames.controllerPod(ready, active))
              .get();
      client.resource(before).delete();
      await()
          .atMost(Duration.ofSeconds(60))
          .ignoreExceptions()
          .untilAsserted(
              () ->
                  assertThat(
                          admin
                              .describeMetadataQuorum()
                              .quorumInfo()
                              .get(10, TimeUnit.SECONDS)
                              .leaderId())
                      .isIn(CONTROLLERS)
                      .isNotEqualTo(active));
      admin.createTopics(List.of(new NewTopic("after-failover", 2, (short) 2))).all().get();
      produceAcked(bootstrap, "orders", 100);

      await()
          .atMost(TestCluster.TIMEOUT)
          .untilAsserted(
              () -> {
                Pod after =
                    client
                        .pods()
                        .inNamespace(cluster.namespace())
                        .withName(ClusterNames.controllerPod(ready, active))
                        .get();
                assertThat(after).isNotNull();
                assertThat(after.getMetadata().getUid())
                    .isNotEqualTo(before.getMetadata().getUid());
                assertThat(BrokerFleet.isReady(after)).isTrue();
              });
      cluster.awaitReconciled(2);
      assertThat(admin.describeMetadataQuorum().quorumInfo().get(30, TimeUnit.SECONDS).voters())
          .extracting(QuorumInfo.ReplicaState::replicaId)
          .containsExactlyInAnyOrderElementsOf(CONTROLLERS);
    }
    assertThat(consumeCount(bootstrap, "orders", "dedicated", 200, Duration.ofSeconds(60)))
        .isEqualTo(200);
  }

  private static String roles(String podName) {
    Pod pod = client.pods().inNamespace(cluster.namespace()).withName(podName).get();
    return pod.getSpec().getContainers().get(0).getEnv().stream()
        .filter(env -> env.getName().equals("BROOK_PROCESS_ROLES"))
        .findFirst()
        .orElseThrow()
        .getValue();
  }
}
