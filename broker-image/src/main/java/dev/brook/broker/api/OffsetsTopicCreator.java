package dev.brook.broker.api;

import dev.brook.broker.config.BrokerConfig;
import dev.brook.broker.config.BrokerConfigDef;
import dev.brook.broker.controller.ClusterController;
import dev.brook.broker.log.LogConfig;
import dev.brook.broker.metadata.MetadataCache;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.internals.Topic;
import org.apache.kafka.common.message.CreateTopicsRequestData.CreatableTopic;
import org.apache.kafka.common.message.CreateTopicsRequestData.CreatableTopicConfig;
import org.apache.kafka.common.message.CreateTopicsRequestData.CreatableTopicConfigCollection;

/**
 * Creates {@code __consumer_offsets} on first use, as Kafka does when a client first looks for a
 * group coordinator. Its replication factor is {@code offsets.topic.replication.factor} capped at
 * the live brokers, so a single-node cluster works out of the box.
 *
 * <p>Kafka compacts this topic. Brook has no compaction: time and size retention are off here
 * (retention.ms=-1) so no live offset is ever deleted, and the group coordinator bounds the growth
 * itself by writing snapshots of its state and dropping the records before them.
 */
final class OffsetsTopicCreator {

  private final BrokerConfig config;
  private final ClusterController controller;
  private final MetadataCache cache;

  OffsetsTopicCreator(BrokerConfig config, ClusterController controller, MetadataCache cache) {
    this.config = config;
    this.controller = controller;
    this.cache = cache;
  }

  CompletableFuture<Void> ensureExists() {
    if (cache.image().topic(Topic.GROUP_METADATA_TOPIC_NAME).isPresent()) {
      return CompletableFuture.completedFuture(null);
    }
    long liveBrokers = cache.image().brokers().values().stream().filter(b -> !b.fenced()).count();
    short replicationFactor =
        (short) Math.max(1, Math.min(config.offsetsTopicReplicationFactor(), liveBrokers));
    CreatableTopicConfigCollection configs = new CreatableTopicConfigCollection();
    configs.add(new CreatableTopicConfig().setName(LogConfig.RETENTION_MS).setValue("-1"));
    configs.add(
        new CreatableTopicConfig()
            .setName(LogConfig.SEGMENT_BYTES)
            .setValue(config.getInt(BrokerConfigDef.OFFSETS_TOPIC_SEGMENT_BYTES).toString()));
    CreatableTopic topic =
        new CreatableTopic()
            .setName(Topic.GROUP_METADATA_TOPIC_NAME)
            .setNumPartitions(config.offsetsTopicPartitions())
            .setReplicationFactor(replicationFactor)
            .setConfigs(configs);
    return controller.createTopics(List.of(topic), false).thenApply(results -> null);
  }
}
