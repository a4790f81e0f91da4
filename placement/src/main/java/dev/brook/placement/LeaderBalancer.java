package dev.brook.placement;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Balances preferred leaders by reordering replica lists: a partition's preferred leader may become
 * any of its replicas that is in the cluster view. No replica moves between brokers.
 *
 * <p>Algorithm: the classic cost-reducing-path search for semi-matchings. While some broker {@code
 * u} leads {@code L} partitions and a chain of movable partitions leads from {@code u} to a broker
 * {@code v} leading at most {@code L - 2} (u leads p1, p1 has replica w1, w1 leads p2, ..., pk has
 * replica v), leadership shifts one step along the chain: u loses one, v gains one, every broker in
 * between keeps its count. Each shift lowers the sum of squared leader counts, so the loop ends;
 * when no such chain exists the leader counts are as even as the replica sets allow, in particular
 * within one of the mean whenever any choice of leaders achieves that.
 *
 * <p>Leaders of fixed partitions count as load but never change. Within a replica list the new
 * leader swaps places with the old one; the other positions are untouched. Deterministic.
 */
final class LeaderBalancer {

  private final ClusterView cluster;
  private final SortedMap<TopicPartitionKey, List<Integer>> movable = new TreeMap<>();
  private final Map<Integer, Integer> leaderCounts = new HashMap<>();
  private final Map<Integer, NavigableSet<TopicPartitionKey>> movableLedBy = new HashMap<>();

  private record Step(int previousLeader, TopicPartitionKey partition) {}

  LeaderBalancer(
      ClusterView cluster,
      ReplicaAssignment fixed,
      SortedMap<TopicPartitionKey, List<Integer>> movablePartitions) {
    this.cluster = cluster;
    for (int broker : cluster.brokerIds()) {
      leaderCounts.put(broker, 0);
      movableLedBy.put(broker, new TreeSet<>());
    }
    fixed
        .asMap()
        .forEach(
            (partition, replicas) -> {
              if (!movablePartitions.containsKey(partition)) {
                leaderCounts.computeIfPresent(replicas.get(0), (broker, count) -> count + 1);
              }
            });
    movablePartitions.forEach(
        (partition, replicas) -> {
          movable.put(partition, new ArrayList<>(replicas));
          int leader = replicas.get(0);
          if (cluster.contains(leader)) {
            leaderCounts.merge(leader, 1, Integer::sum);
            movableLedBy.get(leader).add(partition);
          }
        });
  }

  /** Returns the movable partitions with their replica lists reordered. */
  SortedMap<TopicPartitionKey, List<Integer>> balance() {
    while (shiftOneLeader()) {
      // each shift strictly lowers the sum of squared leader counts
    }
    return Collections.unmodifiableSortedMap(movable);
  }

  private boolean shiftOneLeader() {
    int minCount = Collections.min(leaderCounts.values(), Comparator.naturalOrder());
    List<Integer> busiestFirst = new ArrayList<>(leaderCounts.keySet());
    busiestFirst.sort(
        Comparator.comparingInt((Integer broker) -> -leaderCounts.get(broker))
            .thenComparingInt(broker -> broker));
    for (int source : busiestFirst) {
      if (leaderCounts.get(source) - minCount < 2) {
        return false;
      }
      Map<Integer, Step> reachedBy = new HashMap<>();
      Optional<Integer> target = findChain(source, reachedBy);
      if (target.isPresent()) {
        shiftAlong(reachedBy, source, target.get());
        return true;
      }
    }
    return false;
  }

  /**
   * Breadth-first search for a cost-reducing chain from {@code source}. Returns its last broker;
   * {@code reachedBy} then maps each broker on the chain to the step that reached it.
   */
  private Optional<Integer> findChain(int source, Map<Integer, Step> reachedBy) {
    int limit = leaderCounts.get(source) - 2;
    Deque<Integer> queue = new ArrayDeque<>();
    queue.add(source);
    while (!queue.isEmpty()) {
      int leader = queue.poll();
      for (TopicPartitionKey partition : movableLedBy.get(leader)) {
        for (int replica : movable.get(partition)) {
          if (replica == source || reachedBy.containsKey(replica) || !cluster.contains(replica)) {
            continue;
          }
          reachedBy.put(replica, new Step(leader, partition));
          if (leaderCounts.get(replica) <= limit) {
            return Optional.of(replica);
          }
          queue.add(replica);
        }
      }
    }
    return Optional.empty();
  }

  private void shiftAlong(Map<Integer, Step> reachedBy, int source, int target) {
    int newLeader = target;
    while (newLeader != source) {
      Step step = reachedBy.get(newLeader);
      makeLeader(step.partition(), step.previousLeader(), newLeader);
      newLeader = step.previousLeader();
    }
    leaderCounts.merge(source, -1, Integer::sum);
    leaderCounts.merge(target, 1, Integer::sum);
  }

  private void makeLeader(TopicPartitionKey partition, int oldLeader, int newLeader) {
    List<Integer> replicas = movable.get(partition);
    Collections.swap(replicas, 0, replicas.indexOf(newLeader));
    movableLedBy.get(oldLeader).remove(partition);
    movableLedBy.get(newLeader).add(partition);
  }
}
