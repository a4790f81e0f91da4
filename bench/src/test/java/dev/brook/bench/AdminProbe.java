package dev.brook.bench;

import static dev.brook.bench.SemanticsProbe.EXISTING;
import static dev.brook.bench.SemanticsProbe.INVALID;
import static dev.brook.bench.SemanticsProbe.MISSING;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.message.CreatePartitionsRequestData;
import org.apache.kafka.common.message.CreatePartitionsRequestData.CreatePartitionsTopic;
import org.apache.kafka.common.message.CreatePartitionsRequestData.CreatePartitionsTopicCollection;
import org.apache.kafka.common.message.CreatePartitionsResponseData;
import org.apache.kafka.common.message.CreateTopicsRequestData;
import org.apache.kafka.common.message.CreateTopicsRequestData.CreatableTopic;
import org.apache.kafka.common.message.CreateTopicsRequestData.CreatableTopicCollection;
import org.apache.kafka.common.message.CreateTopicsRequestData.CreatableTopicConfig;
import org.apache.kafka.common.message.CreateTopicsRequestData.CreatableTopicConfigCollection;
import org.apache.kafka.common.message.CreateTopicsResponseData;
import org.apache.kafka.common.message.CreateTopicsResponseData.CreatableTopicResult;
import org.apache.kafka.common.message.DeleteTopicsRequestData;
import org.apache.kafka.common.message.DeleteTopicsRequestData.DeleteTopicState;
import org.apache.kafka.common.message.DeleteTopicsResponseData;
import org.apache.kafka.common.message.DescribeClusterRequestData;
import org.apache.kafka.common.message.DescribeClusterResponseData;
import org.apache.kafka.common.message.DescribeConfigsRequestData;
import org.apache.kafka.common.message.DescribeConfigsRequestData.DescribeConfigsResource;
import org.apache.kafka.common.message.DescribeConfigsResponseData;
import org.apache.kafka.common.message.DescribeConfigsResponseData.DescribeConfigsResult;
import org.apache.kafka.common.message.IncrementalAlterConfigsRequestData;
import org.apache.kafka.common.message.IncrementalAlterConfigsRequestData.AlterConfigsResource;
import org.apache.kafka.common.message.IncrementalAlterConfigsRequestData.AlterConfigsResourceCollection;
import org.apache.kafka.common.message.IncrementalAlterConfigsRequestData.AlterableConfig;
import org.apache.kafka.common.message.IncrementalAlterConfigsRequestData.AlterableConfigCollection;
import org.apache.kafka.common.message.IncrementalAlterConfigsResponseData;
import org.apache.kafka.common.message.InitProducerIdRequestData;
import org.apache.kafka.common.message.InitProducerIdResponseData;
import org.apache.kafka.common.protocol.Errors;

/**
 * The admin part of the {@link SemanticsProbe}: errors of CreateTopics, CreatePartitions,
 * DeleteTopics, DescribeConfigs and IncrementalAlterConfigs, and the values a fresh topic's
 * creation and defaults report.
 */
final class AdminProbe {

  private static final java.util.Set<Errors> RETRIABLE_COORDINATOR_ERRORS =
      java.util.EnumSet.of(
          Errors.COORDINATOR_LOAD_IN_PROGRESS,
          Errors.COORDINATOR_NOT_AVAILABLE,
          Errors.NOT_COORDINATOR);

  private final ProbeConnection connection;
  private final Answers answers;

  AdminProbe(ProbeConnection connection, Answers answers) {
    this.connection = connection;
    this.answers = answers;
  }

  void run() throws IOException {
    unknownTopics();
    createTopics();
    configs();
    clusterAndProducerIds();
  }

  private void clusterAndProducerIds() throws IOException {
    for (short version : new short[] {1, 2}) {
      DescribeClusterResponseData cluster =
          connection.call(new DescribeClusterRequestData(), version);
      answer(
          "describeCluster v" + version,
          Errors.forCode(cluster.errorCode())
              + ", brokers "
              + cluster.brokers().size()
              + ", controller listed "
              + (cluster.brokers().find(cluster.controllerId()) != null)
              + ", cluster id "
              + (cluster.clusterId() == null ? "null" : "set")
              + ", throttle "
              + cluster.throttleTimeMs());
    }
    // Kafka's answer waits for its transaction coordinator to load (a retriable error meanwhile).
    InitProducerIdRequestData request =
        new InitProducerIdRequestData().setTransactionalId(null).setTransactionTimeoutMs(60_000);
    InitProducerIdResponseData[] answered = new InitProducerIdResponseData[1];
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              answered[0] = connection.call(request, (short) 5);
              return !RETRIABLE_COORDINATOR_ERRORS.contains(
                  Errors.forCode(answered[0].errorCode()));
            });
    InitProducerIdResponseData producer = answered[0];
    answer(
        "initProducerId v5 without transactional id",
        Errors.forCode(producer.errorCode())
            + ", id "
            + (producer.producerId() >= 0 ? "assigned" : producer.producerId())
            + ", epoch "
            + producer.producerEpoch()
            + ", throttle "
            + producer.throttleTimeMs());
  }

  private void unknownTopics() throws IOException {
    DescribeConfigsResponseData configs = describeTopicConfigs(MISSING, null);
    answer(
        "describeConfigs v4 unknown topic", Errors.forCode(configs.results().get(0).errorCode()));
    answer("describeConfigs v4 throttle_time_ms", configs.throttleTimeMs());

    answer("createPartitions v3 unknown topic", createPartitions(MISSING, 2));
    answer("createPartitions v3 same count", createPartitions(EXISTING, 1));
    DeleteTopicsResponseData deleted =
        connection.call(
            new DeleteTopicsRequestData()
                .setTimeoutMs(10_000)
                .setTopics(
                    List.of(
                        new DeleteTopicState().setName(MISSING),
                        new DeleteTopicState().setTopicId(Uuid.randomUuid()))),
            (short) 6);
    deleted
        .responses()
        .forEach(
            r ->
                answer(
                    "deleteTopics v6 unknown " + (r.name() == null ? "topic id" : "name"),
                    Errors.forCode(r.errorCode())));
    answer("deleteTopics v6 throttle_time_ms", deleted.throttleTimeMs());
  }

  private String createPartitions(String topic, int count) throws IOException {
    CreatePartitionsTopicCollection topics = new CreatePartitionsTopicCollection();
    topics.add(new CreatePartitionsTopic().setName(topic).setCount(count).setAssignments(null));
    CreatePartitionsResponseData response =
        connection.call(
            new CreatePartitionsRequestData().setTopics(topics).setTimeoutMs(10_000), (short) 3);
    return Errors.forCode(response.results().get(0).errorCode())
        + ", throttle "
        + response.throttleTimeMs();
  }

  private void createTopics() throws IOException {
    answer("createTopics v7 existing name", createTopic(EXISTING, 1, (short) 1, null, false));
    answer(
        "createTopics v7 replication factor above brokers",
        createTopic("probe-rf", 1, (short) 2, null, false));
    answer("createTopics v7 zero partitions", createTopic("probe-zero", 0, (short) 1, null, false));
    answer("createTopics v7 invalid name", createTopic(INVALID, 1, (short) 1, null, false));
    answer(
        "createTopics v7 unknown config",
        createTopic("probe-cfg", 1, (short) 1, new String[] {"no.such.config", "1"}, false));
    answer(
        "createTopics v7 bad config value",
        createTopic("probe-cfg", 1, (short) 1, new String[] {"retention.ms", "soon"}, false));
    answer(
        "createTopics v7 validate only, defaults",
        createTopic("probe-validate", -1, (short) -1, null, true));
    answer(
        "createTopics v7 created, defaults",
        createTopic("probe-created", -1, (short) -1, null, false));
    CreatableTopicCollection twice = new CreatableTopicCollection();
    twice.add(
        new CreatableTopic()
            .setName("probe-twice")
            .setNumPartitions(1)
            .setReplicationFactor((short) 1));
    twice.mustAdd(
        new CreatableTopic()
            .setName("probe-twice")
            .setNumPartitions(1)
            .setReplicationFactor((short) 1));
    CreateTopicsResponseData response =
        connection.call(
            new CreateTopicsRequestData().setTopics(twice).setTimeoutMs(10_000), (short) 7);
    answer(
        "createTopics v7 same name twice",
        response.topics().size()
            + " result(s), "
            + Errors.forCode(response.topics().iterator().next().errorCode()));
  }

  private String createTopic(
      String name, int partitions, short replicationFactor, String[] config, boolean validateOnly)
      throws IOException {
    CreatableTopicConfigCollection configs = new CreatableTopicConfigCollection();
    if (config != null) {
      configs.add(new CreatableTopicConfig().setName(config[0]).setValue(config[1]));
    }
    CreatableTopicCollection topics = new CreatableTopicCollection();
    topics.add(
        new CreatableTopic()
            .setName(name)
            .setNumPartitions(partitions)
            .setReplicationFactor(replicationFactor)
            .setConfigs(configs));
    CreateTopicsResponseData response =
        connection.call(
            new CreateTopicsRequestData()
                .setTopics(topics)
                .setTimeoutMs(10_000)
                .setValidateOnly(validateOnly),
            (short) 7);
    CreatableTopicResult result = response.topics().iterator().next();
    Errors error = Errors.forCode(result.errorCode());
    if (error != Errors.NONE) {
      return error.name();
    }
    return "NONE, partitions "
        + result.numPartitions()
        + ", replication factor "
        + result.replicationFactor()
        + ", topic id "
        + (Uuid.ZERO_UUID.equals(result.topicId()) ? "zero" : "set")
        + ", throttle "
        + response.throttleTimeMs();
  }

  private void configs() throws IOException {
    DescribeConfigsResponseData described =
        describeTopicConfigs(EXISTING, List.of("retention.ms", "cleanup.policy", "no.such.config"));
    DescribeConfigsResult result = described.results().get(0);
    answer("describeConfigs v4 named keys, error", Errors.forCode(result.errorCode()));
    result
        .configs()
        .forEach(
            c ->
                answer(
                    "describeConfigs v4 " + c.name(),
                    c.value()
                        + ", source "
                        + c.configSource()
                        + ", read-only "
                        + c.readOnly()
                        + ", sensitive "
                        + c.isSensitive()));
    answer("describeConfigs v4 named keys, count", result.configs().size());

    answer("incrementalAlterConfigs v1 unknown topic", alter(MISSING, "retention.ms", "1000"));
    answer("incrementalAlterConfigs v1 unknown config", alter(EXISTING, "no.such.config", "1"));
    answer("incrementalAlterConfigs v1 bad value", alter(EXISTING, "retention.ms", "soon"));
    answer("incrementalAlterConfigs v1 good value", alter(EXISTING, "retention.ms", "3600000"));
  }

  /** DescribeConfigs v4 of one topic; {@code keys} null asks for every config. */
  private DescribeConfigsResponseData describeTopicConfigs(String topic, List<String> keys)
      throws IOException {
    return connection.call(
        new DescribeConfigsRequestData()
            .setResources(
                List.of(
                    new DescribeConfigsResource()
                        .setResourceType(ConfigResource.Type.TOPIC.id())
                        .setResourceName(topic)
                        .setConfigurationKeys(keys))),
        (short) 4);
  }

  private String alter(String topic, String key, String value) throws IOException {
    AlterableConfigCollection configs = new AlterableConfigCollection();
    configs.add(new AlterableConfig().setName(key).setValue(value).setConfigOperation((byte) 0));
    AlterConfigsResourceCollection resources = new AlterConfigsResourceCollection();
    resources.add(
        new AlterConfigsResource()
            .setResourceType(ConfigResource.Type.TOPIC.id())
            .setResourceName(topic)
            .setConfigs(configs));
    IncrementalAlterConfigsResponseData response =
        connection.call(
            new IncrementalAlterConfigsRequestData().setResources(resources), (short) 1);
    return Errors.forCode(response.responses().get(0).errorCode())
        + ", throttle "
        + response.throttleTimeMs();
  }

  private void answer(String question, Object value) {
    answers.put(question, value);
  }
}
