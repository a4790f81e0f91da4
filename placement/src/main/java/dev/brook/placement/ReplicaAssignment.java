package dev.brook.placement;

import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The replicas of every partition, each list in preference order: the first replica is the
 * preferred leader. Immutable.
 *
 * <p>Invariants: every partition has at least one replica and no broker appears twice in one
 * replica list. Replicas may name brokers outside the current {@link ClusterView} (dead or leaving
 * brokers); planners count load only for brokers in the view.
 */
public final class ReplicaAssignment {

  private static final ReplicaAssignment EMPTY = new ReplicaAssignment(new TreeMap<>());

  private final SortedMap<TopicPartitionKey, List<Integer>> replicasByPartition;

  private ReplicaAssignment(SortedMap<TopicPartitionKey, List<Integer>> replicasByPartition) {
    this.replicasByPartition = Collections.unmodifiableSortedMap(replicasByPartition);
  }

  public static ReplicaAssignment empty() {
    return EMPTY;
  }

  /**
   * @throws IllegalArgumentException when a replica list is empty or names a broker twice
   */
  public static ReplicaAssignment of(Map<TopicPartitionKey, List<Integer>> replicasByPartition) {
    SortedMap<TopicPartitionKey, List<Integer>> copy = new TreeMap<>();
    replicasByPartition.forEach(
        (partition, replicas) -> copy.put(partition, checked(partition, replicas)));
    return new ReplicaAssignment(copy);
  }

  /** This assignment with the given partitions added or replaced. */
  public ReplicaAssignment with(Map<TopicPartitionKey, List<Integer>> changes) {
    SortedMap<TopicPartitionKey, List<Integer>> copy = new TreeMap<>(replicasByPartition);
    changes.forEach((partition, replicas) -> copy.put(partition, checked(partition, replicas)));
    return new ReplicaAssignment(copy);
  }

  /** This assignment with a new topic's partitions (partition index to replicas) added. */
  public ReplicaAssignment withTopic(String topic, Map<Integer, List<Integer>> replicasByIndex) {
    SortedMap<TopicPartitionKey, List<Integer>> changes = new TreeMap<>();
    replicasByIndex.forEach(
        (index, replicas) -> changes.put(new TopicPartitionKey(topic, index), replicas));
    return with(changes);
  }

  /** Partitions in key order, each with its replicas (preferred leader first). */
  public SortedMap<TopicPartitionKey, List<Integer>> asMap() {
    return replicasByPartition;
  }

  /** The replicas of a partition, or an empty list when the partition is unknown. */
  public List<Integer> replicas(TopicPartitionKey partition) {
    return replicasByPartition.getOrDefault(partition, List.of());
  }

  /** The partitions of one topic, by partition index. */
  public SortedMap<TopicPartitionKey, List<Integer>> partitionsOf(String topic) {
    return replicasByPartition.subMap(
        new TopicPartitionKey(topic, 0), new TopicPartitionKey(topic, Integer.MAX_VALUE));
  }

  public int partitionCount() {
    return replicasByPartition.size();
  }

  private static List<Integer> checked(TopicPartitionKey partition, List<Integer> replicas) {
    if (replicas.isEmpty()) {
      throw new IllegalArgumentException(partition + " has no replicas");
    }
    Set<Integer> seen = new HashSet<>();
    for (Integer broker : replicas) {
      if (!seen.add(broker)) {
        throw new IllegalArgumentException(
            partition + " names broker " + broker + " twice: " + replicas);
      }
    }
    return List.copyOf(replicas);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ReplicaAssignment that
        && replicasByPartition.equals(that.replicasByPartition);
  }

  @Override
  public int hashCode() {
    return replicasByPartition.hashCode();
  }

  @Override
  public String toString() {
    return replicasByPartition.toString();
  }
}
