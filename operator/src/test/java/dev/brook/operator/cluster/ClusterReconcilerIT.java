package dev.brook.operator.cluster;

import static dev.brook.operator.testing.KafkaClients.consumeCount;
import static dev.brook.operator.testing.KafkaClients.produceAcked;
import static dev.brook.operator.testing.TestOperator.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.brook.e2e.junit.WithLocalKubernetes;
import dev.brook.operator.api.BrokerStatus;
import dev.brook.operator.api.Cluster;
import dev.brook.operator.api.ConditionReason;
import dev.brook.operator.api.ConditionType;
import dev.brook.operator.api.Conditions;
import dev.brook.operator.api.Topic;
import dev.brook.operator.cluster.model.ClusterNames;
import dev.brook.operator.testing.KafkaClients;
import dev.brook.operator.testing.ResourceAwaits;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A one-broker Cluster run by the Cluster reconciler on the local control plane's simulated nodes
 * (the broker pod is a real broker process), with a Topic reconciled against it: created, served,
 * scaled, and refused or reported when its spec is wrong. Config changes and restarts: {@link
 * ClusterConfigChangesIT}; three brokers and more: {@link MultiBrokerClusterIT}.
 */
@WithLocalKubernetes
class ClusterReconcilerIT {

  private static final String ZONE_KEY = "topology.kubernetes.io/zone";

  private static KubernetesClient client;
  private static SingleBrokerClusters clusters;

  @BeforeAll
  static void start(KubernetesClient kubernetes) {
    client = kubernetes;
    clusters = SingleBrokerClusters.start(client, "clusters");
  }

  @AfterAll
  static void stop() {
    clusters.close();
  }

  @Test
  void shouldRunBrokerPinnedToZoneAndServeClientsWhenClusterIsApplied() throws Exception {
    Cluster cluster = client.resource(clusters.cluster("solo")).create();

    Cluster ready = clusters.awaitReason(cluster, ConditionReason.Reconciled);

    assertThat(ready.getStatus().getObservedGeneration())
        .isEqualTo(ready.getMetadata().getGeneration());
    assertThat(ready.getStatus().getReplicas()).isEqualTo(1);
    assertThat(ready.getStatus().getSelector())
        .isEqualTo("app.kubernetes.io/instance=solo,app.kubernetes.io/component=broker");
    BrokerStatus broker = ready.getStatus().getBrokers().get(0);
    Node node = client.nodes().withName(broker.getNode()).get();
    assertThat(broker.getRack())
        .isNotNull()
        .isEqualTo(node.getMetadata().getLabels().get(ZONE_KEY));
    assertThat(broker.isReady()).isTrue();
    Pod pod = client.pods().inNamespace(clusters.namespace()).withName("solo-broker-0").get();
    assertThat(pod.getMetadata().getLabels())
        .containsEntry(ClusterNames.PART_OF_LABEL, "brook")
        .containsEntry(ClusterNames.MANAGED_BY_LABEL, "brook-operator")
        .containsEntry(ClusterNames.INSTANCE_LABEL, "solo")
        .containsEntry(ClusterNames.COMPONENT_LABEL, "broker");
    assertThat(pod.getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(ref -> assertThat(ref.getUid()).isEqualTo(cluster.getMetadata().getUid()));
    assertThat(
            client
                .persistentVolumeClaims()
                .inNamespace(clusters.namespace())
                .withName("data-solo-broker-0")
                .get()
                .getMetadata()
                .getOwnerReferences())
        .singleElement()
        .satisfies(ref -> assertThat(ref.getUid()).isEqualTo(cluster.getMetadata().getUid()));
    assertThat(client.services().inNamespace(clusters.namespace()).withName("solo-bootstrap").get())
        .isNotNull();
    assertThat(
            client
                .policy()
                .v1()
                .podDisruptionBudget()
                .inNamespace(clusters.namespace())
                .withName("solo-brokers")
                .get())
        .isNotNull();

    String bootstrap = ready.getStatus().getBootstrap();
    Topic topic = client.resource(clusters.topic("greetings", "solo")).create();
    clusters.awaitTopicReady(topic);
    produceAcked(bootstrap, "greetings", 50);
    assertThat(consumeCount(bootstrap, "greetings", 50, TIMEOUT)).isEqualTo(50);
  }

  @Test
  void shouldGrowOneBrokerClusterToThreeKeepingItsDataWhenScaled() throws Exception {
    Cluster cluster = client.resource(clusters.cluster("growing")).create();
    String bootstrap =
        clusters.awaitReason(cluster, ConditionReason.Reconciled).getStatus().getBootstrap();
    Topic topic = client.resource(clusters.topic("kept", "growing")).create();
    clusters.awaitTopicReady(topic);
    produceAcked(bootstrap, "kept", 20);

    client.resources(Cluster.class).inNamespace(clusters.namespace()).withName("growing").scale(3);

    Cluster grown = ResourceAwaits.clusterReconciled(client, cluster, 3, TIMEOUT.multipliedBy(2));
    try (Admin admin = KafkaClients.admin(grown.getStatus().getBootstrap())) {
      // Broker 0 was restarted for the new config: it registers anew and is fenced until it has
      // caught up, so the listed brokers settle a moment after Ready.
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () ->
                  assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS))
                      .extracting(org.apache.kafka.common.Node::id)
                      .containsExactlyInAnyOrder(0, 1, 2));
    }
    assertThat(consumeCount(grown.getStatus().getBootstrap(), "kept", 20, TIMEOUT)).isEqualTo(20);
  }

  @Test
  void shouldReportUnknownConfigKeyWhenConfigIsInvalid() {
    Cluster invalid = clusters.cluster("typo");
    invalid.getSpec().setConfig(Map.of("log.retention.hourz", "1"));
    Cluster created = client.resource(invalid).create();

    Cluster reported = clusters.awaitReason(created, ConditionReason.InvalidSpec);

    assertThat(Conditions.find(reported.getStatus().getConditions(), ConditionType.Degraded))
        .hasValueSatisfying(
            c -> assertThat(c.getMessage()).contains("spec.config", "log.retention.hourz"));
    Event warning = clusters.awaitEvent(created, ConditionReason.InvalidSpec.name());
    assertThat(warning.getType()).isEqualTo("Warning");
    assertThat(warning.getMessage()).contains("log.retention.hourz");
    assertThat(warning.getInvolvedObject().getUid()).isEqualTo(created.getMetadata().getUid());
  }

  @Test
  void shouldRejectMoreControllersThanBrokersWhenCreated() {
    Cluster invalid = clusters.cluster("lopsided");
    invalid.getSpec().getControllers().setCount(3);

    assertThatThrownBy(() -> client.resource(invalid).create())
        .isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining("controllers.count must not exceed replicas");
  }

  @Test
  void shouldRejectRemovingAControllerVoter() {
    Cluster invalid = clusters.cluster("voterless");
    invalid.getSpec().setReplicas(3);
    invalid.getSpec().getControllers().setCount(3);
    invalid.getSpec().setRemoveBrokers(List.of(1));

    assertThatThrownBy(() -> client.resource(invalid).create())
        .isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining("removeBrokers must not list a controller voter");
  }
}
