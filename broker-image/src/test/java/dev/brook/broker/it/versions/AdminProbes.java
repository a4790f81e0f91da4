package dev.brook.broker.it.versions;

import static dev.brook.broker.it.versions.MatrixBroker.NODE_ID;
import static dev.brook.broker.it.versions.MatrixBroker.TOPIC;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.message.AlterConfigsRequestData;
import org.apache.kafka.common.message.AlterConfigsResponseData;
import org.apache.kafka.common.message.AlterPartitionReassignmentsRequestData;
import org.apache.kafka.common.message.AlterPartitionReassignmentsResponseData;
import org.apache.kafka.common.message.CreatePartitionsRequestData;
import org.apache.kafka.common.message.CreatePartitionsResponseData;
import org.apache.kafka.common.message.CreateTopicsRequestData;
import org.apache.kafka.common.message.CreateTopicsRequestData.CreatableTopic;
import org.apache.kafka.common.message.CreateTopicsRequestData.CreatableTopicConfig;
import org.apache.kafka.common.message.CreateTopicsResponseData;
import org.apache.kafka.common.message.CreateTopicsResponseData.CreatableTopicResult;
import org.apache.kafka.common.message.DeleteTopicsRequestData;
import org.apache.kafka.common.message.DeleteTopicsResponseData;
import org.apache.kafka.common.message.DescribeClusterRequestData;
import org.apache.kafka.common.message.DescribeClusterResponseData;
import org.apache.kafka.common.message.DescribeConfigsRequestData;
import org.apache.kafka.common.message.DescribeConfigsResponseData;
import org.apache.kafka.common.message.DescribeConfigsResponseData.DescribeConfigsResult;
import org.apache.kafka.common.message.ElectLeadersRequestData;
import org.apache.kafka.common.message.ElectLeadersResponseData;
import org.apache.kafka.common.message.IncrementalAlterConfigsRequestData;
import org.apache.kafka.common.message.IncrementalAlterConfigsResponseData;
import org.apache.kafka.common.message.ListPartitionReassignmentsRequestData;
import org.apache.kafka.common.message.ListPartitionReassignmentsResponseData;
import org.apache.kafka.common.message.MetadataRequestData;
import org.apache.kafka.common.message.MetadataResponseData;
import org.apache.kafka.common.message.UnregisterBrokerRequestData;
import org.apache.kafka.common.message.UnregisterBrokerResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.DescribeConfigsResponse;

/** Probes for the topic, config and cluster admin APIs. */
final class AdminProbes {

  private static final byte TOPIC_RESOURCE = ConfigResource.Type.TOPIC.id();

  private AdminProbes() {}

  static void register(Map<ApiKeys, VersionProbe> probes) {
    probes.put(ApiKeys.CREATE_TOPICS, AdminProbes::createTopics);
    probes.put(ApiKeys.DELETE_TOPICS, AdminProbes::deleteTopics);
    probes.put(ApiKeys.CREATE_PARTITIONS, AdminProbes::createPartitions);
    probes.put(ApiKeys.DESCRIBE_CONFIGS, AdminProbes::describeConfigs);
    probes.put(ApiKeys.INCREMENTAL_ALTER_CONFIGS, AdminProbes::incrementalAlterConfigs);
    probes.put(ApiKeys.ALTER_CONFIGS, AdminProbes::alterConfigs);
    probes.put(ApiKeys.DESCRIBE_CLUSTER, AdminProbes::describeCluster);
    probes.put(ApiKeys.ELECT_LEADERS, AdminProbes::electLeaders);
    probes.put(ApiKeys.ALTER_PARTITION_REASSIGNMENTS, AdminProbes::alterPartitionReassignments);
    probes.put(ApiKeys.LIST_PARTITION_REASSIGNMENTS, AdminProbes::listPartitionReassignments);
    probes.put(ApiKeys.UNREGISTER_BROKER, AdminProbes::unregisterBroker);
  }

  private static void createTopics(MatrixBroker broker, short version) throws Exception {
    String name = broker.uniqueName("created");
    CreatableTopic topic =
        new CreatableTopic().setName(name).setNumPartitions(3).setReplicationFactor((short) 1);
    topic.configs().add(new CreatableTopicConfig().setName("retention.ms").setValue("3600000"));
    CreateTopicsRequestData request = new CreateTopicsRequestData().setTimeoutMs(10_000);
    request.topics().add(topic);
    CreateTopicsResponseData response = broker.call(request, version);
    CreatableTopicResult result = response.topics().find(name);
    assertThat(result.errorCode()).isEqualTo(Errors.NONE.code());
    if (version >= 5) {
      assertThat(result.numPartitions()).isEqualTo(3);
      assertThat(result.replicationFactor()).isEqualTo((short) 1);
      assertThat(result.configs())
          .anySatisfy(
              config -> {
                assertThat(config.name()).isEqualTo("retention.ms");
                assertThat(config.value()).isEqualTo("3600000");
              });
    }
    if (version >= 7) {
      assertThat(result.topicId()).isEqualTo(topicIdOf(broker, name));
    }
    assertThat(partitionCount(broker, name)).isEqualTo(3);

    CreateTopicsResponseData again = broker.call(request, version);
    assertThat(again.topics().find(name).errorCode()).isEqualTo(Errors.TOPIC_ALREADY_EXISTS.code());
  }

  private static void deleteTopics(MatrixBroker broker, short version) throws Exception {
    String name = broker.topicWithRecords("deleted", 1);
    String unknown = broker.uniqueName("never-existed");
    DeleteTopicsRequestData request = new DeleteTopicsRequestData().setTimeoutMs(10_000);
    if (version >= 6) {
      request.setTopics(
          List.of(
              new DeleteTopicsRequestData.DeleteTopicState().setName(name),
              new DeleteTopicsRequestData.DeleteTopicState().setName(unknown)));
    } else {
      request.setTopicNames(List.of(name, unknown));
    }
    DeleteTopicsResponseData response = broker.call(request, version);
    assertThat(response.responses().find(name).errorCode()).isEqualTo(Errors.NONE.code());
    assertThat(response.responses().find(unknown).errorCode())
        .isEqualTo(Errors.UNKNOWN_TOPIC_OR_PARTITION.code());
    assertThat(partitionCount(broker, name)).isEqualTo(-1);
  }

  private static void createPartitions(MatrixBroker broker, short version) throws Exception {
    String name = broker.topicWithRecords("grown", 0);
    CreatePartitionsRequestData request =
        new CreatePartitionsRequestData().setTimeoutMs(10_000).setValidateOnly(false);
    request
        .topics()
        .add(
            new CreatePartitionsRequestData.CreatePartitionsTopic()
                .setName(name)
                .setCount(3)
                .setAssignments(null));
    CreatePartitionsResponseData response = broker.call(request, version);
    assertThat(response.results())
        .singleElement()
        .satisfies(r -> assertThat(r.errorCode()).isEqualTo(Errors.NONE.code()));
    assertThat(partitionCount(broker, name)).isEqualTo(3);

    CreatePartitionsResponseData shrink = broker.call(request.duplicate(), version);
    assertThat(shrink.results().get(0).errorCode()).isEqualTo(Errors.INVALID_PARTITIONS.code());
  }

  private static void describeConfigs(MatrixBroker broker, short version) throws Exception {
    DescribeConfigsRequestData request =
        new DescribeConfigsRequestData()
            .setIncludeSynonyms(true)
            .setResources(
                List.of(
                    new DescribeConfigsRequestData.DescribeConfigsResource()
                        .setResourceType(TOPIC_RESOURCE)
                        .setResourceName(TOPIC)
                        .setConfigurationKeys(List.of("retention.ms", "cleanup.policy"))));
    if (version >= 3) {
      request.setIncludeDocumentation(true);
    }
    DescribeConfigsResponseData response = broker.call(request, version);
    DescribeConfigsResult result = response.results().get(0);
    assertThat(result.errorCode()).isEqualTo(Errors.NONE.code());
    assertThat(result.configs())
        .anySatisfy(
            config -> {
              assertThat(config.name()).isEqualTo("retention.ms");
              assertThat(config.value()).isEqualTo("604800000");
              assertThat(config.configSource())
                  .isEqualTo(DescribeConfigsResponse.ConfigSource.DEFAULT_CONFIG.id());
              if (version >= 3) {
                assertThat(config.configType())
                    .isEqualTo(DescribeConfigsResponse.ConfigType.LONG.id());
                assertThat(config.documentation()).isNotBlank();
              }
            });
    assertThat(result.configs()).hasSize(2);
  }

  private static void incrementalAlterConfigs(MatrixBroker broker, short version) throws Exception {
    String name = broker.topicWithRecords("altered", 0);
    IncrementalAlterConfigsRequestData.AlterableConfigCollection configs =
        new IncrementalAlterConfigsRequestData.AlterableConfigCollection();
    configs.add(
        new IncrementalAlterConfigsRequestData.AlterableConfig()
            .setName("retention.ms")
            .setConfigOperation((byte) 0)
            .setValue("120000"));
    IncrementalAlterConfigsRequestData.AlterConfigsResourceCollection resources =
        new IncrementalAlterConfigsRequestData.AlterConfigsResourceCollection();
    resources.add(
        new IncrementalAlterConfigsRequestData.AlterConfigsResource()
            .setResourceType(TOPIC_RESOURCE)
            .setResourceName(name)
            .setConfigs(configs));
    IncrementalAlterConfigsResponseData response =
        broker.call(new IncrementalAlterConfigsRequestData().setResources(resources), version);
    assertThat(response.responses())
        .singleElement()
        .satisfies(r -> assertThat(r.errorCode()).isEqualTo(Errors.NONE.code()));
    assertThat(topicConfig(broker, name, "retention.ms")).isEqualTo("120000");
  }

  /** The legacy AlterConfigs replaces a topic's whole set of overrides. */
  private static void alterConfigs(MatrixBroker broker, short version) throws Exception {
    String name = broker.topicWithRecords("replaced", 0);
    broker
        .admin()
        .incrementalAlterConfigs(
            Map.of(
                new ConfigResource(ConfigResource.Type.TOPIC, name),
                List.of(
                    new org.apache.kafka.clients.admin.AlterConfigOp(
                        new org.apache.kafka.clients.admin.ConfigEntry("retention.ms", "120000"),
                        org.apache.kafka.clients.admin.AlterConfigOp.OpType.SET))))
        .all()
        .get();
    AlterConfigsRequestData.AlterableConfigCollection configs =
        new AlterConfigsRequestData.AlterableConfigCollection();
    configs.add(
        new AlterConfigsRequestData.AlterableConfig()
            .setName("max.message.bytes")
            .setValue("2000000"));
    AlterConfigsRequestData.AlterConfigsResourceCollection resources =
        new AlterConfigsRequestData.AlterConfigsResourceCollection();
    resources.add(
        new AlterConfigsRequestData.AlterConfigsResource()
            .setResourceType(TOPIC_RESOURCE)
            .setResourceName(name)
            .setConfigs(configs));
    AlterConfigsResponseData validated =
        broker.call(
            new AlterConfigsRequestData().setResources(resources.duplicate()).setValidateOnly(true),
            version);
    assertThat(validated.responses().get(0).errorCode()).isEqualTo(Errors.NONE.code());
    assertThat(topicConfig(broker, name, "retention.ms")).isEqualTo("120000");

    AlterConfigsResponseData response =
        broker.call(new AlterConfigsRequestData().setResources(resources), version);
    assertThat(response.responses())
        .singleElement()
        .satisfies(r -> assertThat(r.errorCode()).isEqualTo(Errors.NONE.code()));
    assertThat(topicConfig(broker, name, "max.message.bytes")).isEqualTo("2000000");
    assertThat(topicConfig(broker, name, "retention.ms")).isEqualTo("604800000");
  }

  private static String topicConfig(MatrixBroker broker, String topic, String key)
      throws Exception {
    return broker
        .admin()
        .describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC, topic)))
        .all()
        .get()
        .values()
        .iterator()
        .next()
        .get(key)
        .value();
  }

  private static void describeCluster(MatrixBroker broker, short version) throws Exception {
    DescribeClusterRequestData request = new DescribeClusterRequestData();
    if (version >= 2) {
      request.setIncludeFencedBrokers(true);
    }
    DescribeClusterResponseData response = broker.call(request, version);
    assertThat(response.errorCode()).isEqualTo(Errors.NONE.code());
    assertThat(response.clusterId()).isNotBlank();
    assertThat(response.controllerId()).isEqualTo(NODE_ID);
    assertThat(response.brokers())
        .singleElement()
        .satisfies(
            node -> {
              assertThat(node.brokerId()).isEqualTo(NODE_ID);
              assertThat(node.host() + ":" + node.port()).isEqualTo(broker.bootstrapServers());
              if (version >= 2) {
                assertThat(node.isFenced()).isFalse();
              }
            });
  }

  private static void electLeaders(MatrixBroker broker, short version) throws Exception {
    ElectLeadersRequestData.TopicPartitionsCollection partitions =
        new ElectLeadersRequestData.TopicPartitionsCollection();
    partitions.add(
        new ElectLeadersRequestData.TopicPartitions().setTopic(TOPIC).setPartitions(List.of(0, 1)));
    ElectLeadersRequestData request =
        new ElectLeadersRequestData().setTimeoutMs(10_000).setTopicPartitions(partitions);
    ElectLeadersResponseData response = broker.call(request, version);
    if (version >= 1) {
      assertThat(response.errorCode()).isEqualTo(Errors.NONE.code());
    }
    // Every partition is led by its preferred (only) replica already.
    assertThat(response.replicaElectionResults())
        .singleElement()
        .satisfies(
            topic ->
                assertThat(topic.partitionResult())
                    .hasSize(2)
                    .allSatisfy(
                        p ->
                            assertThat(p.errorCode())
                                .isEqualTo(Errors.ELECTION_NOT_NEEDED.code())));
  }

  private static void alterPartitionReassignments(MatrixBroker broker, short version)
      throws Exception {
    String name = broker.topicWithRecords("reassigned", 0);
    AlterPartitionReassignmentsRequestData request =
        new AlterPartitionReassignmentsRequestData()
            .setTimeoutMs(10_000)
            .setTopics(
                List.of(
                    new AlterPartitionReassignmentsRequestData.ReassignableTopic()
                        .setName(name)
                        .setPartitions(
                            List.of(
                                new AlterPartitionReassignmentsRequestData.ReassignablePartition()
                                    .setPartitionIndex(0)
                                    .setReplicas(List.of(NODE_ID)),
                                new AlterPartitionReassignmentsRequestData.ReassignablePartition()
                                    .setPartitionIndex(0 + 1)
                                    .setReplicas(List.of(NODE_ID))))));
    AlterPartitionReassignmentsResponseData response = broker.call(request, version);
    assertThat(response.errorCode()).isEqualTo(Errors.NONE.code());
    List<AlterPartitionReassignmentsResponseData.ReassignablePartitionResponse> partitions =
        response.responses().get(0).partitions();
    assertThat(partitions.get(0).errorCode()).isEqualTo(Errors.NONE.code());
    assertThat(partitions.get(1).errorCode()).isEqualTo(Errors.UNKNOWN_TOPIC_OR_PARTITION.code());
  }

  private static void listPartitionReassignments(MatrixBroker broker, short version)
      throws Exception {
    ListPartitionReassignmentsResponseData response =
        broker.call(
            new ListPartitionReassignmentsRequestData().setTimeoutMs(10_000).setTopics(null),
            version);
    assertThat(response.errorCode()).isEqualTo(Errors.NONE.code());
    // A single node has nowhere to move replicas to: nothing is ever in flight.
    assertThat(response.topics()).isEmpty();
  }

  private static void unregisterBroker(MatrixBroker broker, short version) throws Exception {
    UnregisterBrokerResponseData unknown =
        broker.call(new UnregisterBrokerRequestData().setBrokerId(42), version);
    assertThat(unknown.errorCode()).isEqualTo(Errors.BROKER_ID_NOT_REGISTERED.code());
    assertThat(unknown.errorMessage()).contains("42");
    UnregisterBrokerResponseData self =
        broker.call(new UnregisterBrokerRequestData().setBrokerId(MatrixBroker.NODE_ID), version);
    assertThat(self.errorCode()).isEqualTo(Errors.INVALID_REQUEST.code());
    assertThat(self.errorMessage()).contains("alive");
    assertThat(broker.admin().describeCluster().nodes().get())
        .extracting(org.apache.kafka.common.Node::id)
        .containsExactly(MatrixBroker.NODE_ID);
  }

  private static org.apache.kafka.common.Uuid topicIdOf(MatrixBroker broker, String name)
      throws Exception {
    return broker.admin().describeTopics(List.of(name)).allTopicNames().get().get(name).topicId();
  }

  /** The partition count Metadata shows for {@code name}, -1 when the topic does not exist. */
  private static int partitionCount(MatrixBroker broker, String name) throws Exception {
    MetadataRequestData request = new MetadataRequestData().setAllowAutoTopicCreation(false);
    request.topics().add(new MetadataRequestData.MetadataRequestTopic().setName(name));
    MetadataResponseData response = broker.call(request, MatrixBroker.newest(ApiKeys.METADATA));
    MetadataResponseData.MetadataResponseTopic topic = response.topics().find(name);
    return topic.errorCode() == Errors.NONE.code() ? topic.partitions().size() : -1;
  }
}
