package dev.brook.broker.metadata.record;

import dev.brook.broker.config.Listener;
import dev.brook.broker.metadata.image.MetadataImage;
import dev.brook.broker.metadata.image.PartitionRegistration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.Uuid;

/**
 * One change to the cluster metadata. The controller appends these to the metadata log; every node
 * applies them, in log order, to its {@link MetadataImage}. Applying is deterministic: no clocks,
 * randomness or I/O, so every node derives the same image from the same log.
 */
public sealed interface MetadataRecord {

  /** A broker joined or restarted; a new epoch supersedes the previous registration. */
  record RegisterBroker(int id, long epoch, Optional<String> rack, List<Listener> endpoints)
      implements MetadataRecord {
    public RegisterBroker {
      endpoints = List.copyOf(endpoints);
    }
  }

  /** A broker stopped heartbeating (fenced) or resumed (unfenced). */
  record SetBrokerFenced(int id, boolean fenced) implements MetadataRecord {}

  /**
   * A removed broker leaves the metadata, its dynamic config overrides with it (Kafka's
   * UnregisterBrokerRecord). Should the id come back, it registers afresh.
   */
  record UnregisterBroker(int id) implements MetadataRecord {}

  record CreateTopic(String name, Uuid id, Map<String, String> configs) implements MetadataRecord {
    public CreateTopic {
      configs = Map.copyOf(configs);
    }
  }

  /** Creates a partition or replaces its registration (leader, ISR, replicas, epochs). */
  record SetPartition(Uuid topicId, int partition, PartitionRegistration registration)
      implements MetadataRecord {}

  record RemoveTopic(Uuid topicId) implements MetadataRecord {}

  /** Replaces the topic's config overrides as a whole. */
  record SetTopicConfigs(Uuid topicId, Map<String, String> configs) implements MetadataRecord {
    public SetTopicConfigs {
      configs = Map.copyOf(configs);
    }
  }

  /**
   * Replaces a broker's dynamic config overrides as a whole (empty: none left). Kept apart from its
   * registration, so they outlive the broker's restarts, as Kafka's broker ConfigRecords do.
   */
  record SetBrokerConfigs(int brokerId, Map<String, String> configs) implements MetadataRecord {
    public SetBrokerConfigs {
      configs = Map.copyOf(configs);
    }
  }

  /** Producer ids below {@code nextProducerId} have been handed out. */
  record AllocateProducerIds(int brokerId, long nextProducerId) implements MetadataRecord {}
}
