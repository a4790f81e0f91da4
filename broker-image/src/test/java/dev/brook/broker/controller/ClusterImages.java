package dev.brook.broker.controller;

import dev.brook.broker.metadata.image.MetadataImage;
import dev.brook.broker.metadata.image.PartitionRegistration;
import dev.brook.broker.metadata.record.MetadataRecord;
import dev.brook.broker.metadata.record.MetadataRecord.CreateTopic;
import dev.brook.broker.metadata.record.MetadataRecord.RegisterBroker;
import dev.brook.broker.metadata.record.MetadataRecord.SetBrokerFenced;
import dev.brook.broker.metadata.record.MetadataRecord.SetPartition;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.Uuid;

/** Small metadata images for controller decision tests. */
final class ClusterImages {

  static final Uuid TOPIC_ID = Uuid.fromString("AAAAAAAAAAAAAAAAAAAAAQ");
  static final String TOPIC = "orders";

  private ClusterImages() {}

  /** Brokers 1..count registered (epoch = 100 + id) and unfenced. */
  static MetadataImage brokers(int count) {
    MetadataImage image = MetadataImage.EMPTY;
    for (int id = 1; id <= count; id++) {
      image = image.apply(id, new RegisterBroker(id, 100 + id, Optional.empty(), List.of()));
    }
    return image;
  }

  static MetadataImage withTopic(
      MetadataImage image, Map<String, String> configs, PartitionRegistration... partitions) {
    MetadataImage next = image.apply(50, new CreateTopic(TOPIC, TOPIC_ID, configs));
    for (int i = 0; i < partitions.length; i++) {
      next = next.apply(51 + i, new SetPartition(TOPIC_ID, i, partitions[i]));
    }
    return next;
  }

  static MetadataImage fenced(MetadataImage image, int brokerId) {
    return image.apply(image.offset() + 1, new SetBrokerFenced(brokerId, true));
  }

  static MetadataImage applyAll(MetadataImage image, List<MetadataRecord> records) {
    MetadataImage next = image;
    for (MetadataRecord record : records) {
      next = next.apply(next.offset() + 1, record);
    }
    return next;
  }

  static PartitionRegistration partition(MetadataImage image, int index) {
    return image.topic(TOPIC).orElseThrow().partitions().get(index);
  }
}
