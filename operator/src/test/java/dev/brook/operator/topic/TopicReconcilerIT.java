package dev.brook.operator.topic;

import static dev.brook.operator.testing.TestOperator.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.brook.e2e.junit.WithLocalKubernetes;
import dev.brook.operator.api.ConditionReason;
import dev.brook.operator.api.ConditionType;
import dev.brook.operator.api.Conditions;
import dev.brook.operator.api.DeletionPolicy;
import dev.brook.operator.api.Topic;
import dev.brook.operator.api.TopicSpec;
import dev.brook.operator.kafka.AdminClients;
import dev.brook.operator.testing.ResourceAwaits;
import dev.brook.operator.testing.Resources;
import dev.brook.operator.testing.StandaloneBroker;
import dev.brook.operator.testing.TestOperator;
import dev.brook.testing.BrokerProcess;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Topic reconciler against a real single-node broker and the local control plane. */
@WithLocalKubernetes
class TopicReconcilerIT {

  private static final String CLUSTER = "one";

  @TempDir static Path work;
  private static BrokerProcess broker;
  private static AdminClients admins;
  private static TestOperator operator;
  private static Admin admin;
  private static KubernetesClient client;

  @BeforeAll
  static void start(KubernetesClient kubernetes) throws Exception {
    client = kubernetes;
    broker = StandaloneBroker.start(work.resolve("broker"));
    admins = new AdminClients();
    operator = TestOperator.start(client, "topics", List.of(new TopicReconciler(admins)));
    Resources.clusterAt(client, operator.namespace(), CLUSTER, broker.bootstrapServers());
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    admin = Admin.create(props);
  }

  @AfterAll
  static void stop() throws InterruptedException {
    admin.close();
    operator.close();
    admins.close();
    broker.close();
  }

  @Test
  void shouldCreateTopicAndReportItsPartitionsWhenApplied() throws Exception {
    Topic topic = apply(topic("orders", 3, 1));

    Topic ready = awaitReady(topic);

    TopicDescription description = describe("orders");
    assertThat(description.partitions()).hasSize(3);
    assertThat(ready.getStatus().getTopicId()).isEqualTo(description.topicId().toString());
    assertThat(ready.getStatus().getObservedGeneration())
        .isEqualTo(ready.getMetadata().getGeneration());
    assertThat(ready.getStatus().getPartitions())
        .allSatisfy(
            p -> {
              assertThat(p.getReplicas()).containsExactly(0);
              assertThat(p.getIsr()).containsExactly(0);
              assertThat(p.getLeader()).isZero();
              assertThat(p.getRacks()).containsExactly("zone-a");
            });
    assertThat(ready.getStatus().getRacks()).containsExactly("zone-a");
  }

  @Test
  void shouldGrowPartitionsAndApplyConfigWhenSpecChanges() throws Exception {
    Topic topic = apply(topic("payments", 2, 1));
    awaitReady(topic);

    Topic edited = client.resource(topic).get();
    edited.getSpec().setPartitions(5);
    edited.getSpec().setConfig(Map.of("retention.ms", "3600000"));
    client.resource(edited).update();

    await()
        .atMost(TIMEOUT)
        .untilAsserted(() -> assertThat(describe("payments").partitions()).hasSize(5));
    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () -> assertThat(dynamicConfig("payments")).containsEntry("retention.ms", "3600000"));

    Topic reverted = client.resource(topic).get();
    reverted.getSpec().setConfig(Map.of());
    client.resource(reverted).update();
    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () -> assertThat(dynamicConfig("payments")).doesNotContainKey("retention.ms"));
  }

  @Test
  void shouldRejectShrinkingPartitionsWhenUpdated() {
    Topic topic = apply(topic("audit", 4, 1));
    awaitReady(topic);

    Topic edited = client.resource(topic).get();
    edited.getSpec().setPartitions(2);

    assertThatThrownBy(() -> client.resource(edited).update())
        .isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining("partitions can grow but never shrink");
  }

  @Test
  void shouldRejectATopicNameAddedAfterCreation() {
    Topic topic = apply(topic("unnamed", 1, 1));
    awaitReady(topic);

    Topic edited = client.resource(topic).get();
    edited.getSpec().setTopicName("someone-elses-topic");

    assertThatThrownBy(() -> client.resource(edited).update())
        .isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining("topicName cannot be added or removed after creation");
  }

  @Test
  void shouldRejectNegativePartitionsWhenCreated() {
    Topic topic = topic("negative", -1, 1);

    assertThatThrownBy(() -> client.resource(topic).create())
        .isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining("spec.partitions");
  }

  @Test
  void shouldReportReplicationFactorAboveBrokerCountWithoutCreatingTopic() throws Exception {
    Topic topic = apply(topic("wide", 1, 3));

    Topic reported = awaitReason(topic, ConditionReason.ReplicationFactorTooLarge);

    assertThat(Conditions.find(reported.getStatus().getConditions(), ConditionType.Degraded))
        .hasValueSatisfying(c -> assertThat(c.getMessage()).contains("spec.replicationFactor 3"));
    assertThat(admin.listTopics().names().get()).doesNotContain("wide");
  }

  @Test
  void shouldReportMissingClusterWhenReferenceIsWrong() {
    Topic topic = topic("orphan", 1, 1);
    topic.getSpec().setCluster("nowhere");
    apply(topic);

    Topic reported = awaitReason(topic, ConditionReason.ClusterNotFound);

    assertThat(Conditions.find(reported.getStatus().getConditions(), ConditionType.Ready))
        .hasValueSatisfying(c -> assertThat(c.getMessage()).contains("spec.cluster"));
  }

  @Test
  void shouldReportConflictWhenSecondResourceNamesSameTopic() throws Exception {
    Topic first = apply(topic("shared", 1, 1));
    awaitReady(first);
    Topic second = topic("shared-again", 1, 1);
    second.getSpec().setTopicName("shared");
    apply(second);

    Topic reported = awaitReason(second, ConditionReason.Conflict);

    assertThat(Conditions.find(reported.getStatus().getConditions(), ConditionType.Ready))
        .hasValueSatisfying(c -> assertThat(c.getMessage()).contains("Topic shared"));
    client.resource(second).delete();
    await().atMost(TIMEOUT).until(() -> client.resource(second).get() == null);
    assertThat(admin.listTopics().names().get()).contains("shared");
  }

  @Test
  void shouldUseTopicNameThatKubernetesCannotHoldWhenSet() throws Exception {
    Topic topic = topic("upper-case", 1, 1);
    topic.getSpec().setTopicName("Orders_V2");
    awaitReady(apply(topic));

    assertThat(admin.listTopics().names().get()).contains("Orders_V2");
  }

  @Test
  void shouldDeleteTopicWhenResourceIsDeleted() throws Exception {
    Topic topic = apply(topic("transient", 1, 1));
    awaitReady(topic);

    client.resource(topic).delete();

    await().atMost(TIMEOUT).until(() -> client.resource(topic).get() == null);
    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () -> assertThat(admin.listTopics().names().get()).doesNotContain("transient"));
  }

  @Test
  void shouldKeepTopicWhenDeletionPolicyIsRetain() throws Exception {
    Topic topic = topic("kept", 1, 1);
    topic.getSpec().setDeletionPolicy(DeletionPolicy.Retain);
    awaitReady(apply(topic));

    client.resource(topic).delete();

    await().atMost(TIMEOUT).until(() -> client.resource(topic).get() == null);
    assertThat(admin.listTopics().names().get()).contains("kept");
  }

  private static Topic topic(String name, int partitions, int replicationFactor) {
    Topic topic = new Topic();
    topic.setSpec(new TopicSpec());
    topic.setMetadata(
        new ObjectMetaBuilder().withName(name).withNamespace(operator.namespace()).build());
    topic.getSpec().setCluster(CLUSTER);
    topic.getSpec().setPartitions(partitions);
    topic.getSpec().setReplicationFactor(replicationFactor);
    return topic;
  }

  private static Topic apply(Topic topic) {
    return client.resource(topic).create();
  }

  private static Topic awaitReady(Topic topic) {
    return awaitReason(topic, ConditionReason.Reconciled);
  }

  private static Topic awaitReason(Topic topic, ConditionReason reason) {
    return ResourceAwaits.readyReason(client, topic, reason);
  }

  private static TopicDescription describe(String name) throws Exception {
    return admin.describeTopics(Set.of(name)).allTopicNames().get().get(name);
  }

  private static Map<String, String> dynamicConfig(String name) throws Exception {
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, name);
    return admin.describeConfigs(List.of(resource)).all().get().get(resource).entries().stream()
        .filter(e -> e.source() == ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG)
        .collect(java.util.stream.Collectors.toMap(ConfigEntry::name, ConfigEntry::value));
  }
}
