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
import dev.brook.operator.api.ClusterSpec;
import dev.brook.operator.api.ConditionReason;
import dev.brook.operator.api.ConditionType;
import dev.brook.operator.api.Conditions;
import dev.brook.operator.api.Topic;
import dev.brook.operator.api.TopicSpec;
import dev.brook.operator.cluster.model.ClusterNames;
import dev.brook.operator.kafka.AdminClients;
import dev.brook.operator.status.ReconciliationPause;
import dev.brook.operator.testing.KafkaClients;
import dev.brook.operator.testing.ResourceAwaits;
import dev.brook.operator.testing.TestOperator;
import dev.brook.operator.topic.TopicReconciler;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A one-broker Cluster run by the Cluster reconciler on the local control plane's simulated nodes
 * (the broker pod is a real broker process), with a Topic reconciled against it. Three brokers and
 * more: {@link MultiBrokerClusterIT}.
 */
@WithLocalKubernetes
class ClusterReconcilerIT {

  private static final String ZONE_KEY = "topology.kubernetes.io/zone";

  private static AdminClients admins;
  private static TestOperator operator;
  private static KubernetesClient client;

  @BeforeAll
  static void start(KubernetesClient kubernetes) {
    client = kubernetes;
    admins = new AdminClients();
    operator =
        TestOperator.start(
            client,
            "clusters",
            List.of(new ClusterReconciler(admins), new TopicReconciler(admins)));
  }

  @AfterAll
  static void stop() {
    operator.close();
    admins.close();
  }

  @Test
  void shouldRunBrokerPinnedToZoneAndServeClientsWhenClusterIsApplied() throws Exception {
    Cluster cluster = client.resource(cluster("solo")).create();

    Cluster ready = awaitReason(cluster, ConditionReason.Reconciled);

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
    Pod pod = client.pods().inNamespace(operator.namespace()).withName("solo-broker-0").get();
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
                .inNamespace(operator.namespace())
                .withName("data-solo-broker-0")
                .get()
                .getMetadata()
                .getOwnerReferences())
        .singleElement()
        .satisfies(ref -> assertThat(ref.getUid()).isEqualTo(cluster.getMetadata().getUid()));
    assertThat(client.services().inNamespace(operator.namespace()).withName("solo-bootstrap").get())
        .isNotNull();
    assertThat(
            client
                .policy()
                .v1()
                .podDisruptionBudget()
                .inNamespace(operator.namespace())
                .withName("solo-brokers")
                .get())
        .isNotNull();

    String bootstrap = ready.getStatus().getBootstrap();
    Topic topic = client.resource(topic("greetings", "solo")).create();
    awaitTopicReady(topic);
    produceAcked(bootstrap, "greetings", 50);
    assertThat(consumeCount(bootstrap, "greetings", 50, TIMEOUT)).isEqualTo(50);
  }

  @Test
  void shouldRestartBrokerWithNewConfigWhenConfigChanges() throws Exception {
    Cluster cluster = client.resource(cluster("rolling")).create();
    awaitReason(cluster, ConditionReason.Reconciled);
    Pod before = client.pods().inNamespace(operator.namespace()).withName("rolling-broker-0").get();

    Cluster edited = client.resource(cluster).get();
    edited.getSpec().setConfig(Map.of("num.io.threads", "6"));
    client.resource(edited).update();

    awaitReplacedAndReady(before);
    Cluster rolled = awaitReason(cluster, ConditionReason.Reconciled);
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
    Cluster cluster = client.resource(cluster("dynamic")).create();
    String bootstrap = awaitReason(cluster, ConditionReason.Reconciled).getStatus().getBootstrap();
    String podName = ClusterNames.brokerPod(cluster, 0);
    String uid =
        client
            .pods()
            .inNamespace(operator.namespace())
            .withName(podName)
            .get()
            .getMetadata()
            .getUid();
    ConfigResource defaults = new ConfigResource(ConfigResource.Type.BROKER, "");

    editConfig("dynamic", Map.of("log.retention.ms", "3600000", "message.max.bytes", "2000000"));
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
      assertThat(configMapData(cluster).values())
          .allSatisfy(text -> assertThat(text).doesNotContain("log.retention.ms"));

      editConfig("dynamic", Map.of("log.retention.ms", "7200000"));
      ResourceAwaits.clusterReconciled(client, cluster, 1, TIMEOUT);
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  assertThat(dynamicConfigs(admin, defaults))
                      .containsExactlyEntriesOf(Map.of("log.retention.ms", "7200000")));

      editConfig("dynamic", Map.of("min.insync.replicas", "zero"));
      Cluster refused = awaitReason(cluster, ConditionReason.InvalidSpec);
      assertThat(Conditions.find(refused.getStatus().getConditions(), ConditionType.Ready))
          .hasValueSatisfying(
              c -> assertThat(c.getMessage()).contains("spec.config", "min.insync.replicas"));
    }
    assertThat(
            client
                .pods()
                .inNamespace(operator.namespace())
                .withName(podName)
                .get()
                .getMetadata()
                .getUid())
        .as("no broker restarted")
        .isEqualTo(uid);
  }

  private static void editConfig(String name, Map<String, String> config) {
    client
        .resources(Cluster.class)
        .inNamespace(operator.namespace())
        .withName(name)
        .edit(
            c -> {
              c.getSpec().setConfig(config);
              return c;
            });
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
    Cluster cluster = client.resource(cluster("paused")).create();
    awaitReason(cluster, ConditionReason.Reconciled);
    String podName = ClusterNames.brokerPod(cluster, 0);
    Pod before = client.pods().inNamespace(operator.namespace()).withName(podName).get();
    Map<String, String> configBefore = configMapData(cluster);

    client
        .resources(Cluster.class)
        .inNamespace(operator.namespace())
        .withName("paused")
        .edit(
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
    assertThat(configMapData(cluster)).isEqualTo(configBefore);
    assertThat(client.pods().inNamespace(operator.namespace()).withName(podName).get())
        .extracting(p -> p.getMetadata().getUid())
        .isEqualTo(before.getMetadata().getUid());

    client
        .resources(Cluster.class)
        .inNamespace(operator.namespace())
        .withName("paused")
        .edit(
            c -> {
              c.getMetadata().setAnnotations(Map.of());
              return c;
            });
    awaitReplacedAndReady(before);
    Cluster resumed = awaitReason(cluster, ConditionReason.Reconciled);
    assertThat(resumed.getStatus().getObservedGeneration()).isEqualTo(2L);
    assertThat(
            Conditions.find(
                resumed.getStatus().getConditions(), ConditionType.ReconciliationPaused))
        .isEmpty();
    assertThat(configMapData(cluster)).isNotEqualTo(configBefore);
  }

  /**
   * A broker pod annotated for a manual rolling update is restarted and comes back without the
   * annotation; a new value of the Cluster's restart annotation restarts the brokers again; the
   * same value does not.
   */
  @Test
  void shouldRestartBrokersWhenAskedByAnnotation() throws Exception {
    Cluster cluster = client.resource(cluster("restarted")).create();
    awaitReason(cluster, ConditionReason.Reconciled);
    String podName = ClusterNames.brokerPod(cluster, 0);
    Pod first = client.pods().inNamespace(operator.namespace()).withName(podName).get();

    client
        .pods()
        .inNamespace(operator.namespace())
        .withName(podName)
        .edit(
            p -> {
              p.getMetadata()
                  .getAnnotations()
                  .put(ClusterNames.MANUAL_ROLLING_UPDATE_ANNOTATION, "true");
              return p;
            });
    Pod second = awaitReplacedAndReady(first);
    assertThat(second.getMetadata().getAnnotations())
        .doesNotContainKey(ClusterNames.MANUAL_ROLLING_UPDATE_ANNOTATION);
    awaitReason(cluster, ConditionReason.Reconciled);

    client
        .resources(Cluster.class)
        .inNamespace(operator.namespace())
        .withName("restarted")
        .edit(
            c -> {
              c.getMetadata().setAnnotations(Map.of(ClusterNames.RESTART_ANNOTATION, "1"));
              return c;
            });
    Pod third = awaitReplacedAndReady(second);
    assertThat(third.getMetadata().getAnnotations())
        .containsEntry(ClusterNames.RESTART_ANNOTATION, "1");
    assertThat(events(cluster))
        .as("an Event per restart, counted")
        .filteredOn(e -> ConditionReason.RollingRestart.name().equals(e.getReason()))
        .filteredOn(e -> e.getMessage().equals("Restarting broker 0 (pod " + podName + ")"))
        .singleElement()
        .satisfies(e -> assertThat(e.getCount()).isEqualTo(2));
    Cluster restarted = awaitReason(cluster, ConditionReason.Reconciled);
    assertThat(restarted.getStatus().getObservedGeneration()).isEqualTo(1L);
    assertThat(client.pods().inNamespace(operator.namespace()).withName(podName).get())
        .extracting(p -> p.getMetadata().getUid())
        .as("the same restart value does not restart again")
        .isEqualTo(third.getMetadata().getUid());
  }

  /** Waits until {@code before}'s pod was re-created (a roll) and is Ready again. */
  private static Pod awaitReplacedAndReady(Pod before) {
    return await()
        .atMost(TIMEOUT)
        .until(
            () ->
                client
                    .pods()
                    .inNamespace(operator.namespace())
                    .withName(before.getMetadata().getName())
                    .get(),
            pod ->
                pod != null
                    && !pod.getMetadata().getUid().equals(before.getMetadata().getUid())
                    && BrokerFleet.isReady(pod));
  }

  private static Map<String, String> configMapData(Cluster cluster) {
    return client
        .configMaps()
        .inNamespace(operator.namespace())
        .withName(ClusterNames.configMap(cluster))
        .get()
        .getData();
  }

  @Test
  void shouldGrowOneBrokerClusterToThreeKeepingItsDataWhenScaled() throws Exception {
    Cluster cluster = client.resource(cluster("growing")).create();
    String bootstrap = awaitReason(cluster, ConditionReason.Reconciled).getStatus().getBootstrap();
    Topic topic = client.resource(topic("kept", "growing")).create();
    awaitTopicReady(topic);
    produceAcked(bootstrap, "kept", 20);

    client.resources(Cluster.class).inNamespace(operator.namespace()).withName("growing").scale(3);

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
    Cluster invalid = cluster("typo");
    invalid.getSpec().setConfig(Map.of("log.retention.hourz", "1"));
    Cluster created = client.resource(invalid).create();

    Cluster reported = awaitReason(created, ConditionReason.InvalidSpec);

    assertThat(Conditions.find(reported.getStatus().getConditions(), ConditionType.Degraded))
        .hasValueSatisfying(
            c -> assertThat(c.getMessage()).contains("spec.config", "log.retention.hourz"));
    Event warning = awaitEvent(created, ConditionReason.InvalidSpec.name());
    assertThat(warning.getType()).isEqualTo("Warning");
    assertThat(warning.getMessage()).contains("log.retention.hourz");
    assertThat(warning.getInvolvedObject().getUid()).isEqualTo(created.getMetadata().getUid());
  }

  /** The Event of {@code reason} about {@code about}, once the operator has published it. */
  private static Event awaitEvent(Cluster about, String reason) {
    return await()
        .atMost(TIMEOUT)
        .until(
            () -> events(about).stream().filter(e -> reason.equals(e.getReason())).findFirst(),
            Optional::isPresent)
        .get();
  }

  private static List<Event> events(Cluster about) {
    return client.v1().events().inNamespace(operator.namespace()).list().getItems().stream()
        .filter(e -> about.getMetadata().getUid().equals(e.getInvolvedObject().getUid()))
        .toList();
  }

  @Test
  void shouldRejectMoreControllersThanBrokersWhenCreated() {
    Cluster invalid = cluster("lopsided");
    invalid.getSpec().getControllers().setCount(3);

    assertThatThrownBy(() -> client.resource(invalid).create())
        .isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining("controllers.count must not exceed replicas");
  }

  @Test
  void shouldRejectRemovingAControllerVoter() {
    Cluster invalid = cluster("voterless");
    invalid.getSpec().setReplicas(3);
    invalid.getSpec().getControllers().setCount(3);
    invalid.getSpec().setRemoveBrokers(List.of(1));

    assertThatThrownBy(() -> client.resource(invalid).create())
        .isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining("removeBrokers must not list a controller voter");
  }

  private static Cluster cluster(String name) {
    Cluster cluster = new Cluster();
    cluster.setMetadata(
        new ObjectMetaBuilder().withName(name).withNamespace(operator.namespace()).build());
    cluster.setSpec(new ClusterSpec());
    cluster.getSpec().setReplicas(1);
    cluster.getSpec().getControllers().setCount(1);
    cluster.getSpec().getStorage().setSize("1Gi");
    return cluster;
  }

  private static Topic topic(String name, String cluster) {
    Topic topic = new Topic();
    topic.setMetadata(
        new ObjectMetaBuilder().withName(name).withNamespace(operator.namespace()).build());
    topic.setSpec(new TopicSpec());
    topic.getSpec().setCluster(cluster);
    topic.getSpec().setPartitions(2);
    topic.getSpec().setReplicationFactor(1);
    return topic;
  }

  private static Cluster awaitReason(Cluster cluster, ConditionReason reason) {
    return ResourceAwaits.readyReason(client, cluster, reason);
  }

  private static void awaitTopicReady(Topic topic) {
    await()
        .atMost(TIMEOUT)
        .until(
            () -> client.resource(topic).get(),
            t ->
                t.getStatus() != null
                    && Conditions.isTrue(t.getStatus().getConditions(), ConditionType.Ready));
  }
}
