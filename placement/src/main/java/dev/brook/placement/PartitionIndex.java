package dev.brook.placement;

import java.util.HashMap;
import java.util.Map;
import java.util.NavigableSet;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The partitions each broker holds, split by role (preferred leader or follower) and by topic, so
 * that a planner looking for a partition of a given role and topic on a broker does not scan all of
 * the broker's partitions. Mutable and confined to one planning call.
 */
final class PartitionIndex {

  private final Map<Integer, SortedMap<String, NavigableSet<TopicPartitionKey>>> led =
      new HashMap<>();
  private final Map<Integer, SortedMap<String, NavigableSet<TopicPartitionKey>>> followed =
      new HashMap<>();

  void add(int broker, TopicPartitionKey partition, boolean leader) {
    (leader ? led : followed)
        .computeIfAbsent(broker, b -> new TreeMap<>())
        .computeIfAbsent(partition.topic(), t -> new TreeSet<>())
        .add(partition);
  }

  void remove(int broker, TopicPartitionKey partition, boolean leader) {
    SortedMap<String, NavigableSet<TopicPartitionKey>> byTopic =
        (leader ? led : followed).get(broker);
    NavigableSet<TopicPartitionKey> partitions = byTopic.get(partition.topic());
    partitions.remove(partition);
    if (partitions.isEmpty()) {
      byTopic.remove(partition.topic());
    }
  }

  /** Topic to partitions (both in order) that {@code broker} leads, or follows. */
  SortedMap<String, NavigableSet<TopicPartitionKey>> partitionsOf(int broker, boolean leader) {
    return (leader ? led : followed).getOrDefault(broker, new TreeMap<>());
  }
}
