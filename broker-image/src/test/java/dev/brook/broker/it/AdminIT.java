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
import org.apache.kafka.common.message.AlterConfigsRequestData;
import org.apache.kafka.common.message.AlterConfigsRequestData.AlterConfigsResource;
import org.apache.kafka.common.message.AlterConfigsRequestData.AlterableConfig;
import org.apache.kafka.common.message.AlterConfigsResponseData;
import org.apache.kafka.common.message.AlterConfigsResponseData.AlterConfigsResourceResponse;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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

  // The legacy AlterConfigs at every version Brook advertises: v0 and v1 are what librdkafka 2.0.2
  // (confluent-kafka 1.7 alter_configs), kafka-python and KafkaJS send (kafka-clients 4 no longer
  // has the call), v2 the flexible one. The request replaces a topic's whole set of overrides.

  @ParameterizedTest
  @ValueSource(shorts = {0, 1, 2})
  void shouldReplaceATopicsOverridesWithTheRequestedOnes(short version) throws Exception {
    String topic = "legacy-alter-v" + version;
    admin
        .createTopics(
            List.of(
                new NewTopic(topic, 1, (short) 1)
                    .configs(Map.of("max.message.bytes", "2000000", "retention.ms", "1000000"))))
        .all()
        .get();

    AlterConfigsResourceResponse altered =
        legacyAlter(
            version, topic, false, config("retention.ms", "3600000"), config("segment.ms", null));

    assertThat(altered.errorCode()).as(altered.errorMessage()).isEqualTo(Errors.NONE.code());
    Config described = describeTopicConfig(topic);
    assertThat(described.get("retention.ms").value()).isEqualTo("3600000");
    assertThat(described.get("retention.ms").source())
        .isEqualTo(ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG);
    assertThat(described.get("max.message.bytes").source())
        .as("an override the request leaves out goes back to its default")
        .isEqualTo(ConfigEntry.ConfigSource.DEFAULT_CONFIG);
    assertThat(described.get("segment.ms").source())
        .isEqualTo(ConfigEntry.ConfigSource.DEFAULT_CONFIG);

    AlterConfigsResourceResponse validated =
        legacyAlter(version, topic, true, config("retention.ms", "7200000"));
    assertThat(validated.errorCode()).isEqualTo(Errors.NONE.code());
    assertThat(describeTopicConfig(topic).get("retention.ms").value())
        .as("validateOnly changes nothing")
        .isEqualTo("3600000");
  }

  @ParameterizedTest
  @ValueSource(shorts = {0, 1, 2})
  void shouldRefuseInvalidValuesUnknownTopicsAndBrokerConfigs(short version) throws Exception {
    String topic = "legacy-refused-v" + version;
    admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();

    AlterConfigsResourceResponse invalid =
        legacyAlter(version, topic, false, config("retention.ms", "soon"));
    assertThat(invalid.errorCode()).isEqualTo(Errors.INVALID_CONFIG.code());
    assertThat(invalid.errorMessage()).contains("retention.ms");

    AlterConfigsResourceResponse unknown =
        legacyAlter(version, "no-such-topic", false, config("retention.ms", "1000"));
    assertThat(unknown.errorCode()).isEqualTo(Errors.UNKNOWN_TOPIC_OR_PARTITION.code());

    AlterConfigsRequestData brokerRequest = new AlterConfigsRequestData();
    brokerRequest
        .resources()
        .add(
            new AlterConfigsResource()
                .setResourceType(ConfigResource.Type.BROKER.id())
                .setResourceName("1")
                .setConfigs(
                    new AlterConfigsRequestData.AlterableConfigCollection(
                        List.of(config("num.partitions", "3")).iterator())));
    AlterConfigsResourceResponse brokerResult = sendLegacyAlter(version, brokerRequest);
    assertThat(brokerResult.errorCode()).isEqualTo(Errors.INVALID_REQUEST.code());
    assertThat(brokerResult.resourceName()).isEqualTo("1");
  }

  private static AlterableConfig config(String name, String value) {
    return new AlterableConfig().setName(name).setValue(value);
  }

  private static AlterConfigsResourceResponse legacyAlter(
      short version, String topic, boolean validateOnly, AlterableConfig... configs)
      throws Exception {
    AlterConfigsRequestData request = new AlterConfigsRequestData().setValidateOnly(validateOnly);
    request
        .resources()
        .add(
            new AlterConfigsResource()
                .setResourceType(ConfigResource.Type.TOPIC.id())
                .setResourceName(topic)
                .setConfigs(
                    new AlterConfigsRequestData.AlterableConfigCollection(
                        List.of(configs).iterator())));
    AlterConfigsResourceResponse result = sendLegacyAlter(version, request);
    assertThat(result.resourceName()).isEqualTo(topic);
    return result;
  }

  private static AlterConfigsResourceResponse sendLegacyAlter(
      short version, AlterConfigsRequestData request) throws Exception {
    try (RawConnection connection = new RawConnection(broker.bootstrapServers())) {
      int correlation = connection.send(request, version);
      AlterConfigsResponseData response =
          connection.receive(ApiKeys.ALTER_CONFIGS, version, correlation);
      assertThat(response.responses()).hasSize(1);
      return response.responses().get(0);
    }
  }

  private static Config describeTopicConfig(String topic) throws Exception {
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
    return admin.describeConfigs(List.of(resource)).all().get().get(resource);
  }
}
