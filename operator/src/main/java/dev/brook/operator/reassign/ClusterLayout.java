package dev.brook.operator.reassign;

import dev.brook.placement.BrokerInfo;
import dev.brook.placement.ClusterView;
import dev.brook.placement.PartitionReassignment;
import dev.brook.placement.ReplicaAssignment;
import dev.brook.placement.TopicPartitionKey;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Where every partition's replicas are, which brokers are live (registered and unfenced), and which
 * reassignments are in flight, read from the cluster in one go ({@link ClusterLayoutReader}).
 * Nothing of it is remembered between reconciliations: the cluster is the record of the moves.
 *
 * @param liveBrokers unfenced brokers with their racks
 * @param partitions every partition, internal topics included
 * @param moving reassignments in flight: current (target and original) and target replicas
 */
public record ClusterLayout(
    Map<Integer, Optional<String>> liveBrokers,
    SortedMap<TopicPartitionKey, PartitionState> partitions,
    SortedMap<TopicPartitionKey, PartitionReassignment> moving) {

  public ClusterLayout {
    liveBrokers = Map.copyOf(liveBrokers);
    partitions = new TreeMap<>(partitions);
    moving = new TreeMap<>(moving);
  }

  /** The live brokers except {@code excluded}, as placement's view. */
  public ClusterView view(Collection<Integer> excluded) {
    return ClusterView.of(
        liveBrokers.entrySet().stream()
            .filter(e -> !excluded.contains(e.getKey()))
            .map(e -> new BrokerInfo(e.getKey(), e.getValue()))
            .toList());
  }

  /**
   * Every partition's replicas as they will be once the moves in flight complete: planning against
   * the union a reassignment lists would count the leaving replicas twice.
   */
  public ReplicaAssignment settledAssignment() {
    SortedMap<TopicPartitionKey, List<Integer>> replicas = new TreeMap<>();
    partitions.forEach((partition, state) -> replicas.put(partition, state.replicas()));
    moving.forEach((partition, move) -> replicas.put(partition, move.targetReplicas()));
    return ReplicaAssignment.of(replicas);
  }

  /** Every broker that holds or is about to hold a replica, live or not. */
  public Set<Integer> brokersWithReplicas() {
    Set<Integer> brokers = new TreeSet<>();
    partitions.values().forEach(p -> brokers.addAll(p.replicas()));
    moving.values().forEach(m -> brokers.addAll(m.currentReplicas()));
    return brokers;
  }

  /** Partitions with a replica on one of {@code brokers}, as topic-partition names. */
  public List<String> partitionsOn(Set<Integer> brokers) {
    return partitions.entrySet().stream()
        .filter(e -> e.getValue().replicas().stream().anyMatch(brokers::contains))
        .map(e -> e.getKey().toString())
        .toList();
  }

  /** The first partition whose ISR is smaller than its replica set, as "topic-partition". */
  public Optional<String> firstUnderReplicated() {
    return partitions.entrySet().stream()
        .filter(e -> e.getValue().isr().size() < e.getValue().replicas().size())
        .map(e -> e.getKey().toString())
        .findFirst();
  }

  /** The largest replication factor of any partition, 0 without partitions. */
  public int largestReplicationFactor() {
    return settledAssignment().asMap().values().stream().mapToInt(List::size).max().orElse(0);
  }
}
