package dev.brook.placement;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Whether a cluster is balanced enough to leave alone: every broker's replica and preferred-leader
 * counts lie within {@value #TOLERANCE} of what a rebalance would give it (and at least one either
 * way). The yardstick is the rebalance plan itself rather than the cluster-wide mean, because rack
 * spread can make the mean unreachable (a broker alone in its rack holds a replica of every
 * partition spread over all racks); judging by the mean would ask for a rebalance that has nothing
 * to move. The tolerance keeps a cluster that drifted a little (a topic created, a leader moved)
 * from being rebalanced at every change.
 */
final class BalanceCheck {

  static final double TOLERANCE = 0.2;

  private BalanceCheck() {}

  static boolean isBalanced(ClusterView cluster, ReplicaAssignment assignment) {
    if (cluster.size() == 0 || assignment.partitionCount() == 0) {
      return true;
    }
    return isBalanced(
        cluster, assignment, RebalancePlanner.plan(cluster.brokerIds(), cluster, assignment));
  }

  /** Like {@link #isBalanced(ClusterView, ReplicaAssignment)}, with the rebalance plan at hand. */
  static boolean isBalanced(
      ClusterView cluster, ReplicaAssignment assignment, ReassignmentPlan rebalance) {
    if (cluster.size() == 0 || assignment.partitionCount() == 0) {
      return true;
    }
    ReplicaAssignment target = rebalance.applyTo(assignment);
    Counts now = Counts.of(cluster, assignment);
    Counts planned = Counts.of(cluster, target);
    return cluster.brokerIds().stream()
        .allMatch(
            broker ->
                close(now.replicas.get(broker), planned.replicas.get(broker))
                    && close(now.leaders.get(broker), planned.leaders.get(broker)));
  }

  private static boolean close(int actual, int planned) {
    return Math.abs(actual - planned) <= Math.max(1.0, TOLERANCE * planned);
  }

  private record Counts(Map<Integer, Integer> replicas, Map<Integer, Integer> leaders) {

    static Counts of(ClusterView cluster, ReplicaAssignment assignment) {
      Map<Integer, Integer> replicas = new TreeMap<>();
      Map<Integer, Integer> leaders = new TreeMap<>();
      for (int broker : cluster.brokerIds()) {
        replicas.put(broker, 0);
        leaders.put(broker, 0);
      }
      for (List<Integer> list : assignment.asMap().values()) {
        list.stream()
            .filter(replicas::containsKey)
            .forEach(b -> replicas.merge(b, 1, Integer::sum));
        leaders.computeIfPresent(list.get(0), (b, n) -> n + 1);
      }
      return new Counts(replicas, leaders);
    }
  }
}
