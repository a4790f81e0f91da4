package dev.brook.operator.cluster;

import static dev.brook.operator.testing.KafkaClients.produceAcked;
import static dev.brook.operator.testing.TestOperator.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.brook.e2e.junit.WithLocalKubernetes;
import dev.brook.operator.api.Cluster;
import dev.brook.operator.api.ConditionReason;
import dev.brook.operator.api.ConditionType;
import dev.brook.operator.api.Conditions;
import dev.brook.operator.cluster.model.ClusterNames;
import dev.brook.operator.status.ReconciliationPause;
import dev.brook.operator.testing.KafkaClients;
import dev.brook.operator.testing.ResourceAwaits;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * How a one-broker Cluster takes changes: a static config key rolls the broker, run-time keys apply
 * without a restart, the pause annotation holds an edit back, and restart annotations roll on
 * request.
 */
@WithLocalKubernetes
class ClusterConfigChangesIT {

  private static KubernetesClient client;
  private static SingleBrokerClusters clusters;

  @BeforeAll
  static void start(KubernetesClient kubernetes) {
    client = kubernetes;
    clusters = SingleBrokerClusters.start(client, "config-changes");
  }

  @AfterAll
  static void stop() {
    clusters.close();
  }

  @Test
  void shouldRestartBrokerWithNewConfigWhenConfigChanges() throws Exception {
    Cluster cluster = client.resource(clusters.cluster("rolling")).create();
    clusters.awaitReason(cluster, ConditionReason.Reconciled);
    Pod before = clusters.pod("rolling-broker-0");

    Cluster edited = client.resource(cluster).get();
    edited.getSpec().setConfig(Map.of("num.io.threads", "6"));
    client.resource(edited).update();

    clusters.awaitReplacedAndReady(before);
    Cluster rolled = clusters.awaitReason(cluster, ConditionReason.Reconciled);
    assertThat(rolled.getStatus().getObservedGeneration()).isEqualTo(2L);
    produceAcked(rolled.getStatus().getBootstrap(), "after-roll", 10);
  }

  /**
   * Keys brokers change at run time go to the cluster-wide dynamic broker configs, not into the
   * ConfigMap: set, changed and removed without restarting a broker, and in force on the topics
   * without their own value. A value the brokers refuse is reported with its reason.
   */
  @Test
  void shouldApplyRunTimeConfigWithoutRestartingBrokers() throws Exception {
    Cluster cluster = client.resource(clusters.cluster("dynamic")).create();
    String bootstrap =
        clusters.awaitReason(cluster, ConditionReason.Reconciled).getStatus().getBootstrap();
    String podName = ClusterNames.brokerPod(cluster, 0);
    String uid = clusters.pod(podName).getMetadata().getUid();
    ConfigResource defaults = new ConfigResource(ConfigResource.Type.BROKER, "");

    clusters.editConfig(
        "dynamic", Map.of("log.retention.ms", "3600000", "message.max.bytes", "2000000"));
    Cluster applied = ResourceAwaits.clusterReconciled(client, cluster, 1, TIMEOUT);
    assertThat(applied.getStatus().getObservedGeneration()).isEqualTo(2L);
    try (Admin admin = KafkaClients.admin(bootstrap)) {
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () ->
                  assertThat(dynamicConfigs(admin, defaults))
                      .containsExactlyInAnyOrderEntriesOf(
                          Map.of("log.retention.ms", "3600000", "message.max.bytes", "2000000")));
      admin.createTopics(List.of(new NewTopic("inherits", 1, (short) 1))).all().get();
      ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, "inherits");
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () -> {
                ConfigEntry retention =
                    admin
                        .describeConfigs(List.of(topic))
                        .all()
                        .get()
                        .get(topic)
                        .get("retention.ms");
                assertThat(retention.value()).isEqualTo("3600000");
                assertThat(retention.source())
                    .isEqualTo(ConfigEntry.ConfigSource.DYNAMIC_DEFAULT_BROKER_CONFIG);
              });
      assertThat(clusters.configMapData(cluster).values())
          .allSatisfy(text -> assertThat(text).doesNotContain("log.retention.ms"));

      clusters.editConfig("dynamic", Map.of("log.retention.ms", "7200000"));
      ResourceAwaits.clusterReconciled(client, cluster, 1, TIMEOUT);
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  assertThat(dynamicConfigs(admin, defaults))
                      .containsExactlyEntriesOf(Map.of("log.retention.ms", "7200000")));

      clusters.editConfig("dynamic", Map.of("min.insync.replicas", "zero"));
      Cluster refused = clusters.awaitReason(cluster, ConditionReason.InvalidSpec);
      assertThat(Conditions.find(refused.getStatus().getConditions(), ConditionType.Ready))
          .hasValueSatisfying(
              c -> assertThat(c.getMessage()).contains("spec.config", "min.insync.replicas"));
    }
    assertThat(clusters.pod(podName).getMetadata().getUid())
        .as("no broker restarted")
        .isEqualTo(uid);
  }

  private static Map<String, String> dynamicConfigs(Admin admin, ConfigResource resource)
      throws Exception {
    Map<String, String> configs = new java.util.TreeMap<>();
    admin
        .describeConfigs(List.of(resource))
        .all()
        .get(30, TimeUnit.SECONDS)
        .get(resource)
        .entries()
        .forEach(e -> configs.put(e.name(), e.value()));
    return configs;
  }

  /**
   * The pause annotation and a config edit arrive in one update: the reconciliation they trigger
   * reports the pause and applies nothing (ConfigMap and pod untouched, observed generation kept);
   * once the annotation goes, the edit rolls the broker.
   */
  @Test
  void shouldChangeNothingWhilePausedAndApplyTheEditOnceResumed() throws Exception {
    Cluster cluster = client.resource(clusters.cluster("paused")).create();
    clusters.awaitReason(cluster, ConditionReason.Reconciled);
    String podName = ClusterNames.brokerPod(cluster, 0);
    Pod before = clusters.pod(podName);
    Map<String, String> configBefore = clusters.configMapData(cluster);

    clusters.edit(
        "paused",
        c -> {
          c.getMetadata().setAnnotations(Map.of(ReconciliationPause.ANNOTATION, "true"));
          c.getSpec().setConfig(Map.of("num.io.threads", "6"));
          return c;
        });
    Cluster held =
        await()
            .atMost(TIMEOUT)
            .until(
                () -> client.resource(cluster).get(),
                c ->
                    Conditions.isTrue(
                        c.getStatus().getConditions(), ConditionType.ReconciliationPaused));

    assertThat(held.getMetadata().getGeneration()).isEqualTo(2L);
    assertThat(held.getStatus().getObservedGeneration()).isEqualTo(1L);
    assertThat(Conditions.isTrue(held.getStatus().getConditions(), ConditionType.Ready)).isTrue();
    assertThat(
            Conditions.find(held.getStatus().getConditions(), ConditionType.ReconciliationPaused))
        .hasValueSatisfying(c -> assertThat(c.getMessage()).contains("generation 2"));
    assertThat(clusters.configMapData(cluster)).isEqualTo(configBefore);
    assertThat(clusters.pod(podName))
        .extracting(p -> p.getMetadata().getUid())
        .isEqualTo(before.getMetadata().getUid());

    clusters.edit(
        "paused",
        c -> {
          c.getMetadata().setAnnotations(Map.of());
          return c;
        });
    clusters.awaitReplacedAndReady(before);
    Cluster resumed = clusters.awaitReason(cluster, ConditionReason.Reconciled);
    assertThat(resumed.getStatus().getObservedGeneration()).isEqualTo(2L);
    assertThat(
            Conditions.find(
                resumed.getStatus().getConditions(), ConditionType.ReconciliationPaused))
        .isEmpty();
    assertThat(clusters.configMapData(cluster)).isNotEqualTo(configBefore);
  }

  /**
   * A broker pod annotated for a manual rolling update is restarted and comes back without the
   * annotation; a new value of the Cluster's restart annotation restarts the brokers again; the
   * same value does not.
   */
  @Test
  void shouldRestartBrokersWhenAskedByAnnotation() throws Exception {
    Cluster cluster = client.resource(clusters.cluster("restarted")).create();
    clusters.awaitReason(cluster, ConditionReason.Reconciled);
    String podName = ClusterNames.brokerPod(cluster, 0);
    Pod first = clusters.pod(podName);

    client
        .pods()
        .inNamespace(clusters.namespace())
        .withName(podName)
        .edit(
            p -> {
              p.getMetadata()
                  .getAnnotations()
                  .put(ClusterNames.MANUAL_ROLLING_UPDATE_ANNOTATION, "true");
              return p;
            });
    Pod second = clusters.awaitReplacedAndReady(first);
    assertThat(second.getMetadata().getAnnotations())
        .doesNotContainKey(ClusterNames.MANUAL_ROLLING_UPDATE_ANNOTATION);
    clusters.awaitReason(cluster, ConditionReason.Reconciled);

    clusters.edit(
        "restarted",
        c -> {
          c.getMetadata().setAnnotations(Map.of(ClusterNames.RESTART_ANNOTATION, "1"));
          return c;
        });
    Pod third = clusters.awaitReplacedAndReady(second);
    assertThat(third.getMetadata().getAnnotations())
        .containsEntry(ClusterNames.RESTART_ANNOTATION, "1");
    assertThat(clusters.events(cluster))
        .as("an Event per restart, counted")
        .filteredOn(e -> ConditionReason.RollingRestart.name().equals(e.getReason()))
        .filteredOn(e -> e.getMessage().equals("Restarting broker 0 (pod " + podName + ")"))
        .singleElement()
        .satisfies(e -> assertThat(e.getCount()).isEqualTo(2));
    Cluster restarted = clusters.awaitReason(cluster, ConditionReason.Reconciled);
    assertThat(restarted.getStatus().getObservedGeneration()).isEqualTo(1L);
    assertThat(clusters.pod(podName))
        .extracting(p -> p.getMetadata().getUid())
        .as("the same restart value does not restart again")
        .isEqualTo(third.getMetadata().getUid());
  }
}
