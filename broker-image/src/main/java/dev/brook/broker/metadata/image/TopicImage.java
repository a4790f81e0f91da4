package dev.brook.broker.metadata.image;

import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.Uuid;

/** A topic: its stable id, partitions by index, and its config overrides (not the defaults). */
public record TopicImage(
    String name,
    Uuid id,
    Map<Integer, PartitionRegistration> partitions,
    Map<String, String> configs) {

  public TopicImage {
    partitions = java.util.Collections.unmodifiableMap(new TreeMap<>(partitions));
    configs = Map.copyOf(configs);
  }

  public int partitionCount() {
    return partitions.size();
  }

  public boolean isInternal() {
    return name.startsWith("__");
  }

  public TopicImage withPartition(int index, PartitionRegistration registration) {
    Map<Integer, PartitionRegistration> copy = new TreeMap<>(partitions);
    copy.put(index, registration);
    return new TopicImage(name, id, copy, configs);
  }

  public TopicImage withConfigs(Map<String, String> newConfigs) {
    return new TopicImage(name, id, partitions, newConfigs);
  }
}
