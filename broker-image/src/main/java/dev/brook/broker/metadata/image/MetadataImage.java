package dev.brook.broker.metadata.image;

import dev.brook.broker.metadata.record.MetadataRecord;
import dev.brook.broker.metadata.record.MetadataRecord.AllocateProducerIds;
import dev.brook.broker.metadata.record.MetadataRecord.CreateTopic;
import dev.brook.broker.metadata.record.MetadataRecord.RegisterBroker;
import dev.brook.broker.metadata.record.MetadataRecord.RemoveTopic;
import dev.brook.broker.metadata.record.MetadataRecord.SetBrokerConfigs;
import dev.brook.broker.metadata.record.MetadataRecord.SetBrokerFenced;
import dev.brook.broker.metadata.record.MetadataRecord.SetPartition;
import dev.brook.broker.metadata.record.MetadataRecord.SetTopicConfigs;
import dev.brook.broker.metadata.record.MetadataRecord.UnregisterBroker;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;

/**
 * The cluster metadata at one point of the metadata log: brokers with their dynamic config
 * overrides, topics with their partitions and configs, and the producer-id high-water mark.
 * Immutable; {@link #apply} returns a new image. Readers on any thread may hold an image for as
 * long as they like.
 */
public record MetadataImage(
    long offset,
    Map<Integer, BrokerRegistration> brokers,
    Map<String, TopicImage> topicsByName,
    Map<Uuid, String> topicNamesById,
    long nextProducerId,
    Map<Integer, Map<String, String>> brokerConfigs) {

  public static final MetadataImage EMPTY =
      new MetadataImage(-1, Map.of(), Map.of(), Map.of(), 0, Map.of());

  public MetadataImage {
    brokers = java.util.Collections.unmodifiableMap(new TreeMap<>(brokers));
    brokerConfigs = java.util.Collections.unmodifiableMap(new TreeMap<>(brokerConfigs));
    topicsByName = Map.copyOf(topicsByName);
    topicNamesById = Map.copyOf(topicNamesById);
  }

  public Optional<TopicImage> topic(String name) {
    return Optional.ofNullable(topicsByName.get(name));
  }

  public Optional<TopicImage> topic(Uuid id) {
    return Optional.ofNullable(topicNamesById.get(id)).map(topicsByName::get);
  }

  public Optional<PartitionRegistration> partition(TopicPartition tp) {
    return topic(tp.topic()).map(t -> t.partitions().get(tp.partition()));
  }

  /**
   * The key under which {@link #brokerConfigs} keeps the cluster-wide dynamic broker defaults (the
   * BROKER resource with an empty name, {@code kafka-configs --entity-default}).
   */
  public static final int CLUSTER_DEFAULT = -1;

  /**
   * The dynamic configs in force on {@code brokerId}: its own overrides over the cluster-wide
   * defaults.
   */
  public Map<String, String> effectiveBrokerConfigs(int brokerId) {
    Map<String, String> effective = new TreeMap<>(brokerConfigs(CLUSTER_DEFAULT));
    effective.putAll(brokerConfigs(brokerId));
    return effective;
  }

  /** The dynamic config overrides of {@code brokerId} (none when never set). */
  public Map<String, String> brokerConfigs(int brokerId) {
    return brokerConfigs.getOrDefault(brokerId, Map.of());
  }

  /** Whether new partitions must not be placed on {@code brokerId}. */
  public boolean isCordoned(int brokerId) {
    return DynamicBrokerConfigs.isCordoned(brokerConfigs(brokerId));
  }

  public Uuid topicId(String name) {
    TopicImage topic = topicsByName.get(name);
    return topic == null ? Uuid.ZERO_UUID : topic.id();
  }

  public MetadataImage apply(long recordOffset, MetadataRecord record) {
    if (record instanceof RegisterBroker r) {
      return withBroker(
          recordOffset, new BrokerRegistration(r.id(), r.epoch(), r.rack(), r.endpoints(), false));
    } else if (record instanceof SetBrokerFenced r) {
      BrokerRegistration broker = brokers.get(r.id());
      return broker == null
          ? at(recordOffset)
          : withBroker(recordOffset, broker.withFenced(r.fenced()));
    } else if (record instanceof UnregisterBroker r) {
      return withoutBroker(recordOffset, r.id());
    } else if (record instanceof CreateTopic r) {
      return withTopic(recordOffset, new TopicImage(r.name(), r.id(), Map.of(), r.configs()));
    } else if (record instanceof SetPartition r) {
      return topic(r.topicId())
          .map(t -> withTopic(recordOffset, t.withPartition(r.partition(), r.registration())))
          .orElse(at(recordOffset));
    } else if (record instanceof SetTopicConfigs r) {
      return topic(r.topicId())
          .map(t -> withTopic(recordOffset, t.withConfigs(r.configs())))
          .orElse(at(recordOffset));
    } else if (record instanceof RemoveTopic r) {
      return withoutTopic(recordOffset, r.topicId());
    } else if (record instanceof SetBrokerConfigs r) {
      Map<Integer, Map<String, String>> copy = new HashMap<>(brokerConfigs);
      if (r.configs().isEmpty()) {
        copy.remove(r.brokerId());
      } else {
        copy.put(r.brokerId(), r.configs());
      }
      return new MetadataImage(
          recordOffset, brokers, topicsByName, topicNamesById, nextProducerId, copy);
    } else if (record instanceof AllocateProducerIds r) {
      return new MetadataImage(
          recordOffset,
          brokers,
          topicsByName,
          topicNamesById,
          Math.max(nextProducerId, r.nextProducerId()),
          brokerConfigs);
    }
    throw new IllegalArgumentException("unknown metadata record " + record);
  }

  private MetadataImage at(long recordOffset) {
    return new MetadataImage(
        recordOffset, brokers, topicsByName, topicNamesById, nextProducerId, brokerConfigs);
  }

  private MetadataImage withBroker(long recordOffset, BrokerRegistration broker) {
    Map<Integer, BrokerRegistration> copy = new HashMap<>(brokers);
    copy.put(broker.id(), broker);
    return new MetadataImage(
        recordOffset, copy, topicsByName, topicNamesById, nextProducerId, brokerConfigs);
  }

  private MetadataImage withoutBroker(long recordOffset, int brokerId) {
    Map<Integer, BrokerRegistration> remaining = new HashMap<>(brokers);
    remaining.remove(brokerId);
    Map<Integer, Map<String, String>> configs = new HashMap<>(brokerConfigs);
    configs.remove(brokerId);
    return new MetadataImage(
        recordOffset, remaining, topicsByName, topicNamesById, nextProducerId, configs);
  }

  private MetadataImage withTopic(long recordOffset, TopicImage topic) {
    Map<String, TopicImage> byName = new HashMap<>(topicsByName);
    byName.put(topic.name(), topic);
    Map<Uuid, String> byId = new HashMap<>(topicNamesById);
    byId.put(topic.id(), topic.name());
    return new MetadataImage(recordOffset, brokers, byName, byId, nextProducerId, brokerConfigs);
  }

  private MetadataImage withoutTopic(long recordOffset, Uuid topicId) {
    String name = topicNamesById.get(topicId);
    if (name == null) {
      return at(recordOffset);
    }
    Map<String, TopicImage> byName = new HashMap<>(topicsByName);
    byName.remove(name);
    Map<Uuid, String> byId = new HashMap<>(topicNamesById);
    byId.remove(topicId);
    return new MetadataImage(recordOffset, brokers, byName, byId, nextProducerId, brokerConfigs);
  }
}
