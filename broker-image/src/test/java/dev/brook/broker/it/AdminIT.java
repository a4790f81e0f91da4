package dev.brook.broker.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.NewPartitionReassignment;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.ElectionType;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.ElectionNotNeededException;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.InvalidPartitionsException;
import org.apache.kafka.common.errors.InvalidReplicaAssignmentException;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.apache.kafka.common.errors.NoReassignmentInProgressException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Admin client against Brook: topics, partitions, configs, cluster. */
class AdminIT {

  @TempDir static Path dataDir;
  static EmbeddedBroker broker;
  static Admin admin;

  @BeforeAll
  static void startBroker() throws Exception {
    broker = EmbeddedBroker.start(dataDir, Map.of("log.retention.hours", "48"));
    admin = Clients.admin(broker.bootstrapServers());
  }

  @AfterAll
  static void stopBroker() {
    admin.close();
    broker.close();
  }

  @Test
  void shouldCreateDescribeAndDeleteTopics() throws Exception {
    CreateTopicsResult created =
        admin.createTopics(
            List.of(
                new NewTopic("inventory", 4, (short) 1).configs(Map.of("retention.ms", "1000"))));
    created.all().get();
    assertThat(created.numPartitions("inventory").get()).isEqualTo(4);
    assertThat(created.topicId("inventory").get()).isNotNull();

    TopicDescription description =
        admin.describeTopics(List.of("inventory")).allTopicNames().get().get("inventory");
    assertThat(description.partitions()).hasSize(4);
    assertThat(description.topicId()).isEqualTo(created.topicId("inventory").get());
    assertThat(description.partitions()).allSatisfy(p -> assertThat(p.leader().id()).isEqualTo(1));
    assertThat(admin.listTopics().names().get()).contains("inventory");

    assertThatThrownBy(
            () -> admin.createTopics(List.of(new NewTopic("inventory", 1, (short) 1))).all().get())
        .hasCauseInstanceOf(TopicExistsException.class);

    admin.deleteTopics(List.of("inventory")).all().get();
    assertThat(admin.listTopics().names().get()).doesNotContain("inventory");
    assertThatThrownBy(() -> admin.deleteTopics(List.of("inventory")).all().get())
        .hasCauseInstanceOf(UnknownTopicOrPartitionException.class);
  }

  @Test
  void shouldRefuseReplicationFactorAboveTheBrokerCount() {
    assertThatThrownBy(
            () -> admin.createTopics(List.of(new NewTopic("wide", 1, (short) 3))).all().get())
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(InvalidReplicationFactorException.class);
  }

  @Test
  void shouldGrowButNeverShrinkPartitions() throws Exception {
    Clients.createTopic(admin, "growing", 2);
    admin.createPartitions(Map.of("growing", NewPartitions.increaseTo(5))).all().get();
    assertThat(
            admin
                .describeTopics(List.of("growing"))
                .allTopicNames()
                .get()
                .get("growing")
                .partitions())
        .hasSize(5);
    assertThatThrownBy(
            () ->
                admin.createPartitions(Map.of("growing", NewPartitions.increaseTo(3))).all().get())
        .hasCauseInstanceOf(InvalidPartitionsException.class);
  }

  @Test
  void shouldDescribeAndIncrementallyAlterTopicConfigs() throws Exception {
    admin
        .createTopics(
            List.of(
                new NewTopic("configured", 1, (short) 1).configs(Map.of("retention.ms", "60000"))))
        .all()
        .get();
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, "configured");

    Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
    assertThat(config.get("retention.ms").value()).isEqualTo("60000");
    assertThat(config.get("retention.ms").source())
        .isEqualTo(ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG);
    assertThat(config.get("segment.bytes").value()).isEqualTo("1073741824");
    assertThat(config.get("segment.bytes").source())
        .isEqualTo(ConfigEntry.ConfigSource.DEFAULT_CONFIG);
    assertThat(config.get("cleanup.policy").value()).isEqualTo("delete");

    admin
        .incrementalAlterConfigs(
            Map.of(
                resource,
                List.of(
                    new AlterConfigOp(
                        new ConfigEntry("max.message.bytes", "2000000"), AlterConfigOp.OpType.SET),
                    new AlterConfigOp(
                        new ConfigEntry("retention.ms", ""), AlterConfigOp.OpType.DELETE))))
        .all()
        .get();
    Config altered = admin.describeConfigs(List.of(resource)).all().get().get(resource);
    assertThat(altered.get("max.message.bytes").value()).isEqualTo("2000000");
    assertThat(altered.get("retention.ms").value())
        .as("back to the broker's log.retention.hours")
        .isEqualTo("172800000");
    assertThat(altered.get("retention.ms").source())
        .isEqualTo(ConfigEntry.ConfigSource.STATIC_BROKER_CONFIG);
  }

  @Test
  void shouldRefuseInvalidAndUnsupportedTopicConfigsNamingTheKey() throws Exception {
    assertThatThrownBy(
            () ->
                admin
                    .createTopics(
                        List.of(
                            new NewTopic("compacted", 1, (short) 1)
                                .configs(Map.of("cleanup.policy", "compact"))))
                    .all()
                    .get())
        .hasCauseInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("cleanup.policy");
    assertThatThrownBy(
            () ->
                admin
                    .createTopics(
                        List.of(
                            new NewTopic("typo", 1, (short) 1)
                                .configs(Map.of("retention.msec", "5"))))
                    .all()
                    .get())
        .hasCauseInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("retention.msec");
    Clients.createTopic(admin, "strict", 1);
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, "strict");
    assertThatThrownBy(
            () ->
                admin
                    .incrementalAlterConfigs(
                        Map.of(
                            resource,
                            List.of(
                                new AlterConfigOp(
                                    new ConfigEntry("retention.ms", "soon"),
                                    AlterConfigOp.OpType.SET))))
                    .all()
                    .get())
        .hasCauseInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("retention.ms");
  }

  @Test
  void shouldAnswerLeaderElectionsAndReassignmentsOnASingleNode() throws Exception {
    Clients.createTopic(admin, "moving", 1);
    TopicPartition tp = new TopicPartition("moving", 0);

    assertThat(admin.electLeaders(ElectionType.PREFERRED, Set.of(tp)).partitions().get().get(tp))
        .as("the only replica already leads")
        .containsInstanceOf(ElectionNotNeededException.class);
    assertThat(admin.listPartitionReassignments().reassignments().get()).isEmpty();
    assertThatThrownBy(
            () ->
                admin
                    .alterPartitionReassignments(
                        Map.of(tp, Optional.of(new NewPartitionReassignment(List.of(7)))))
                    .all()
                    .get())
        .hasCauseInstanceOf(InvalidReplicaAssignmentException.class)
        .hasMessageContaining("7");
    assertThatThrownBy(
            () -> admin.alterPartitionReassignments(Map.of(tp, Optional.empty())).all().get())
        .hasCauseInstanceOf(NoReassignmentInProgressException.class);
  }

  @Test
  void shouldDescribeTheCluster() throws Exception {
    DescribeClusterResult cluster = admin.describeCluster();
    assertThat(cluster.clusterId().get()).isNotBlank();
    assertThat(cluster.nodes().get()).hasSize(1);
    assertThat(cluster.controller().get().id()).isEqualTo(1);
  }
}
