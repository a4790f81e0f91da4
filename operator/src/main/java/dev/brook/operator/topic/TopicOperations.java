package dev.brook.operator.topic;

import static dev.brook.operator.kafka.KafkaCalls.await;

import dev.brook.operator.kafka.KafkaCallException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/** The Admin calls of the Topic reconciler, each bounded by the Admin API timeout. */
final class TopicOperations {

  private final Admin admin;

  TopicOperations(Admin admin) {
    this.admin = admin;
  }

  /** The topic as the cluster describes it, or empty when it does not exist. */
  Optional<TopicDescription> describe(String topic) {
    try {
      return Optional.of(
          await(
              admin.describeTopics(Set.of(topic)).topicNameValues().get(topic),
              "describe topic " + topic));
    } catch (KafkaCallException e) {
      if (e.getCause() instanceof UnknownTopicOrPartitionException) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** Live brokers, with their racks. */
  Collection<Node> brokers() {
    return await(admin.describeCluster().nodes(), "describe cluster");
  }

  void create(String topic, int partitions, short replicationFactor, Map<String, String> config) {
    NewTopic newTopic = new NewTopic(topic, partitions, replicationFactor).configs(config);
    await(admin.createTopics(List.of(newTopic)).all(), "create topic " + topic);
  }

  void growPartitions(String topic, int partitions) {
    await(
        admin.createPartitions(Map.of(topic, NewPartitions.increaseTo(partitions))).all(),
        "add partitions to " + topic);
  }

  /** The topic's per-topic overrides (not the broker defaults it inherits). */
  Map<String, String> dynamicConfig(String topic) {
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
    Config config =
        await(
            admin.describeConfigs(List.of(resource)).values().get(resource),
            "describe configs of " + topic);
    return config.entries().stream()
        .filter(entry -> entry.source() == ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG)
        .collect(Collectors.toMap(ConfigEntry::name, ConfigEntry::value));
  }

  void alterConfig(String topic, List<AlterConfigOp> ops) {
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
    await(admin.incrementalAlterConfigs(Map.of(resource, ops)).all(), "alter configs of " + topic);
  }

  /** Deletes the topic; a topic that is already gone counts as deleted. */
  void delete(String topic) {
    try {
      await(admin.deleteTopics(List.of(topic)).all(), "delete topic " + topic);
    } catch (KafkaCallException e) {
      if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
        throw e;
      }
    }
  }
}
