package dev.brook.placement;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Load arithmetic used by the property tests to check results independently of the planners. */
final class Balance {

  private Balance() {}

  static Map<Integer, Integer> replicaCounts(ClusterView cluster, ReplicaAssignment assignment) {
    Map<Integer, Integer> counts = zeroes(cluster);
    assignment
        .asMap()
        .values()
        .forEach(replicas -> replicas.forEach(b -> counts.computeIfPresent(b, (k, c) -> c + 1)));
    return counts;
  }

  static Map<Integer, Integer> leaderCounts(ClusterView cluster, ReplicaAssignment assignment) {
    Map<Integer, Integer> counts = zeroes(cluster);
    assignment
        .asMap()
        .values()
        .forEach(replicas -> counts.computeIfPresent(replicas.get(0), (k, c) -> c + 1));
    return counts;
  }

  /** The counts of each rack's brokers, by rack. */
  static Map<Optional<String>, Map<Integer, Integer>> byRack(
      ClusterView cluster, Map<Integer, Integer> counts) {
    Map<Optional<String>, Map<Integer, Integer>> byRack = new HashMap<>();
    cluster
        .brokerIdsByRack()
        .forEach(
            (rack, brokers) -> {
              Map<Integer, Integer> inRack = new TreeMap<>(counts);
              inRack.keySet().retainAll(brokers);
              byRack.put(rack, inRack);
            });
    return byRack;
  }

  private static Map<Integer, Integer> zeroes(ClusterView cluster) {
    Map<Integer, Integer> counts = new TreeMap<>();
    cluster.brokerIds().forEach(broker -> counts.put(broker, 0));
    return counts;
  }

  /** True when every count lies in [floor(mean), ceil(mean)]. */
  static boolean withinOneOfMean(Map<Integer, Integer> counts) {
    int total = counts.values().stream().mapToInt(Integer::intValue).sum();
    int floor = total / counts.size();
    int ceil = floor + (total % counts.size() == 0 ? 0 : 1);
    return counts.values().stream().allMatch(count -> count >= floor && count <= ceil);
  }

  static int spread(Map<Integer, Integer> counts) {
    return counts.values().stream().mapToInt(Integer::intValue).max().orElse(0)
        - counts.values().stream().mapToInt(Integer::intValue).min().orElse(0);
  }

  /** Sum over brokers of the replicas above ceil(mean). */
  static int excessAboveCeil(Map<Integer, Integer> counts) {
    int total = counts.values().stream().mapToInt(Integer::intValue).sum();
    int ceil = (total + counts.size() - 1) / counts.size();
    return counts.values().stream().mapToInt(count -> Math.max(0, count - ceil)).sum();
  }

  /** Sum over the given brokers of the replicas missing below floor(mean of all brokers). */
  static int shortfallBelowFloor(Map<Integer, Integer> counts, Iterable<Integer> brokers) {
    int total = counts.values().stream().mapToInt(Integer::intValue).sum();
    int floor = total / counts.size();
    int shortfall = 0;
    for (int broker : brokers) {
      shortfall += Math.max(0, floor - counts.get(broker));
    }
    return shortfall;
  }

  static int distinctRacks(ClusterView cluster, List<Integer> replicas) {
    return (int)
        replicas.stream().filter(cluster::contains).map(cluster::rackOf).distinct().count();
  }

  static boolean allDistinct(List<Integer> replicas) {
    return replicas.stream().distinct().count() == replicas.size();
  }
}
