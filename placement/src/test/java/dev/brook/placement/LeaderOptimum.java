package dev.brook.placement;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The least possible maximum of preferred leaders per broker when each movable partition may be led
 * by any of its replicas in the view and fixed partitions keep their leaders. Computed by binary
 * search over the maximum with a bipartite-matching feasibility check: an algorithm independent of
 * {@link LeaderBalancer}, to check its result.
 */
final class LeaderOptimum {

  private final List<List<Integer>> candidates = new ArrayList<>();
  private final Map<Integer, Integer> fixedLeaders = new HashMap<>();
  private final List<Integer> brokers;

  LeaderOptimum(ClusterView cluster, ReplicaAssignment fixed, ReplicaAssignment movable) {
    this.brokers = List.copyOf(cluster.brokerIds());
    brokers.forEach(broker -> fixedLeaders.put(broker, 0));
    fixed
        .asMap()
        .forEach(
            (partition, replicas) -> {
              if (!movable.asMap().containsKey(partition)) {
                fixedLeaders.computeIfPresent(replicas.get(0), (b, c) -> c + 1);
              }
            });
    movable
        .asMap()
        .values()
        .forEach(
            replicas -> {
              if (cluster.contains(replicas.get(0))) {
                candidates.add(replicas.stream().filter(cluster::contains).toList());
              }
            });
  }

  int leastMaximum() {
    int max = fixedLeaders.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    while (!feasible(max)) {
      max++;
    }
    return max;
  }

  /** Whether every movable partition can get a leader with no broker above {@code max}. */
  private boolean feasible(int max) {
    Map<Integer, List<Integer>> slotsTaken = new HashMap<>();
    Map<Integer, Integer> capacity = new HashMap<>();
    for (int broker : brokers) {
      capacity.put(broker, max - fixedLeaders.get(broker));
      slotsTaken.put(broker, new ArrayList<>());
    }
    for (int partition = 0; partition < candidates.size(); partition++) {
      if (!augment(partition, slotsTaken, capacity, new HashMap<>())) {
        return false;
      }
    }
    return true;
  }

  /** Kuhn's augmenting path, brokers with capacity. */
  private boolean augment(
      int partition,
      Map<Integer, List<Integer>> slotsTaken,
      Map<Integer, Integer> capacity,
      Map<Integer, Boolean> visited) {
    for (int broker : candidates.get(partition)) {
      if (visited.putIfAbsent(broker, true) != null) {
        continue;
      }
      List<Integer> holders = slotsTaken.get(broker);
      if (holders.size() < capacity.get(broker)) {
        holders.add(partition);
        return true;
      }
      for (int i = 0; i < holders.size(); i++) {
        if (augment(holders.get(i), slotsTaken, capacity, visited)) {
          holders.set(i, partition);
          return true;
        }
      }
    }
    return false;
  }
}
