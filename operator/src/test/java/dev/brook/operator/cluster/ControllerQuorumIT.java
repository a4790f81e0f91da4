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
import org.apache.kafka.clients.admin.QuorumInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The controller quorum follows the Cluster: one broker created without {@code controllers} (one
 * voter: min(3, replicas)) scaled to three grows the quorum to three voters as the new brokers join
 * it, with the same cluster id and every record kept; scaled back to one, the leaving voters are
 * removed from the quorum before their pods go, and the one left serves all the data alone. In
 * between, a changed {@code listeners.controllerPort} rolls every pod onto it (each voter replaces
 * its earlier incarnation in the voter set), keeping the cluster id and the records.
 */
@WithLocalKubernetes
class ControllerQuorumIT {

  private static final int RECORDS = 100;
  private static final int MOVED_CONTROLLER_PORT = 9193;

  private static KubernetesClient client;
  private static TestCluster single;

  @BeforeAll
  static void start(KubernetesClient kubernetes) {
    client = kubernetes;
    single =
        TestCluster.start(
            client,
            "quorum",
            spec -> {
              spec.setReplicas(1);
              spec.setControllers(null);
              spec.setConfig(Map.of());
            });
  }

  @AfterAll
  static void stop() {
    single.close();
  }

  @Test
  void shouldGrowTheQuorumWithTheBrokersAndShrinkItBeforeTheirPodsGo() throws Exception {
    Cluster one = single.awaitReconciled(1);
    String clusterId = one.getStatus().getClusterId();
    assertThat(clusterId).isNotBlank();
    Topic kept = client.resource(single.topic("kept", 1, 1)).create();
    single.awaitTopicReady(kept, 1);
    produceAcked(one.getStatus().getBootstrap(), "kept", RECORDS);
    // Also creates the offsets topic with one replica, so that the Cluster can shrink back to one.
    assertThat(consumeCount(one.getStatus().getBootstrap(), "kept", "single", RECORDS, timeout()))
        .isEqualTo(RECORDS);
    try (Admin admin = admin(one.getStatus().getBootstrap())) {
      assertThat(voters(admin)).containsExactly(0);
    }

    single.scale(3);
    Cluster three = single.awaitReconciled(3);
    try (Admin admin = admin(three.getStatus().getBootstrap())) {
      assertThat(voters(admin)).containsExactlyInAnyOrder(0, 1, 2);
      assertThat(admin.describeCluster().clusterId().get(30, TimeUnit.SECONDS))
          .isEqualTo(clusterId);
      QuorumInfo quorum = admin.describeMetadataQuorum().quorumInfo().get(30, TimeUnit.SECONDS);
      assertThat(quorum.observers()).isEmpty();
    }
    assertThat(roles(1)).isEqualTo("broker,controller");
    assertThat(consumeCount(three.getStatus().getBootstrap(), "kept", "grown", RECORDS, timeout()))
        .isEqualTo(RECORDS);

    Map<String, String> before = podUids();
    client
        .resources(Cluster.class)
        .inNamespace(single.namespace())
        .withName(single.name())
        .edit(
            cluster -> {
              cluster.getSpec().getListeners().setControllerPort(MOVED_CONTROLLER_PORT);
              return cluster;
            });
    Cluster moved = single.awaitReconciled(3);
    Map<String, String> rolled = podUids();
    assertThat(rolled).containsOnlyKeys(before.keySet());
    rolled.forEach((pod, uid) -> assertThat(uid).as(pod).isNotEqualTo(before.get(pod)));
    try (Admin admin = admin(moved.getStatus().getBootstrap())) {
      assertThat(voters(admin)).containsExactlyInAnyOrder(0, 1, 2);
      assertThat(admin.describeCluster().clusterId().get(30, TimeUnit.SECONDS))
          .isEqualTo(clusterId);
      QuorumInfo quorum = admin.describeMetadataQuorum().quorumInfo().get(30, TimeUnit.SECONDS);
      assertThat(quorum.nodes().values())
          .flatExtracting(QuorumInfo.Node::endpoints)
          .extracting(org.apache.kafka.clients.admin.RaftVoterEndpoint::port)
          .containsOnly(MOVED_CONTROLLER_PORT);
    }
    assertThat(consumeCount(moved.getStatus().getBootstrap(), "kept", "moved", RECORDS, timeout()))
        .isEqualTo(RECORDS);

    single.scale(1);
    Cluster shrunk = single.awaitReconciled(1);
    try (Admin admin = admin(shrunk.getStatus().getBootstrap())) {
      assertThat(voters(admin)).containsExactly(0);
      assertThat(admin.describeCluster().clusterId().get(30, TimeUnit.SECONDS))
          .isEqualTo(clusterId);
      // The quorum of one still commits metadata changes.
      Topic after = client.resource(single.topic("after-shrink", 1, 1)).create();
      single.awaitTopicReady(after, 1);
    }
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                assertThat(single.pods().all())
                    .extracting(pod -> pod.getMetadata().getName())
                    .containsExactly(ClusterNames.brokerPod(shrunk, 0)));
    assertThat(
            consumeCount(shrunk.getStatus().getBootstrap(), "kept", "shrunk", RECORDS, timeout()))
        .isEqualTo(RECORDS);
  }

  private static List<Integer> voters(Admin admin) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .ignoreExceptions()
        .until(
            () ->
                admin
                    .describeMetadataQuorum()
                    .quorumInfo()
                    .get(10, TimeUnit.SECONDS)
                    .voters()
                    .stream()
                    .map(QuorumInfo.ReplicaState::replicaId)
                    .toList(),
            ids -> !ids.isEmpty());
  }

  private static Map<String, String> podUids() {
    return single.pods().all().stream()
        .collect(
            java.util.stream.Collectors.toMap(
                pod -> pod.getMetadata().getName(), pod -> pod.getMetadata().getUid()));
  }

  private static String roles(int brokerId) {
    Pod pod =
        client
            .pods()
            .inNamespace(single.namespace())
            .withName(ClusterNames.brokerPod(single.resource(), brokerId))
            .get();
    return pod.getSpec().getContainers().get(0).getEnv().stream()
        .filter(env -> env.getName().equals("BROOK_PROCESS_ROLES"))
        .findFirst()
        .orElseThrow()
        .getValue();
  }

  private static Duration timeout() {
    return Duration.ofSeconds(60);
  }
}
