package dev.brook.placement;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Moves every replica off leaving brokers (a failed broker being healed, or brokers drained before
 * scale-down).
 *
 * <p>For each replica on a leaving broker, in order of broker id then partition, the target is
 * chosen among the remaining brokers of the view that do not hold the partition:
 *
 * <ol>
 *   <li>a broker in the leaving broker's rack, if there is one;
 *   <li>else a broker in a rack the partition's other replicas do not use;
 *   <li>else a broker in the rack the partition uses least;
 * </ol>
 *
 * the fewest replicas first, then the fewest preferred leaders, then the lowest id. The target
 * takes the leaving broker's position in the replica list, so preferred leadership moves with it
 * and no other replica changes position.
 *
 * <p>Invariants of the plan: it names exactly the partitions that had a leaving broker; no target
 * list contains a leaving broker or a broker twice; replication factors do not change; a
 * partition's rack count drops only when no remaining broker outside its racks can take the
 * replica.
 */
final class ReplacementPlanner {

  private final ClusterView targets;
  private final BrokerLoad load;

  private ReplacementPlanner(ClusterView targets, ReplicaAssignment assignment) {
    this.targets = targets;
    this.load = new BrokerLoad(targets, assignment);
  }

  static ReassignmentPlan plan(
      Collection<BrokerInfo> leavingBrokers, ClusterView cluster, ReplicaAssignment assignment) {
    DrainPlan plan = plan(leavingBrokers, cluster, assignment, false);
    return plan.plan();
  }

  /**
   * @param skipStuck leave out (and report) the partitions whose replica has no possible target,
   *     instead of refusing the whole plan
   */
  static DrainPlan plan(
      Collection<BrokerInfo> leavingBrokers,
      ClusterView cluster,
      ReplicaAssignment assignment,
      boolean skipStuck) {
    List<BrokerInfo> leaving = new ArrayList<>(leavingBrokers);
    leaving.sort(Comparator.comparingInt(BrokerInfo::id));
    ClusterView targets =
        cluster.without(leaving.stream().map(BrokerInfo::id).collect(Collectors.toSet()));
    ReplacementPlanner planner = new ReplacementPlanner(targets, assignment);
    SortedMap<TopicPartitionKey, List<Integer>> working = new TreeMap<>();
    SortedSet<TopicPartitionKey> stuck = new TreeSet<>();
    for (BrokerInfo broker : leaving) {
      for (Map.Entry<TopicPartitionKey, List<Integer>> entry : assignment.asMap().entrySet()) {
        if (stuck.contains(entry.getKey())) {
          continue;
        }
        List<Integer> replicas = working.getOrDefault(entry.getKey(), entry.getValue());
        if (!replicas.contains(broker.id())) {
          continue;
        }
        try {
          working.put(entry.getKey(), planner.replace(entry.getKey(), replicas, broker));
        } catch (PlacementException e) {
          if (!skipStuck || e.rule() != PlacementException.Rule.DISTINCT_BROKERS) {
            throw e;
          }
          stuck.add(entry.getKey());
          working.remove(entry.getKey());
        }
      }
    }
    return new DrainPlan(ReassignmentPlan.between(assignment, assignment.with(working)), stuck);
  }

  private List<Integer> replace(
      TopicPartitionKey partition, List<Integer> replicas, BrokerInfo leaving) {
    int position = replicas.indexOf(leaving.id());
    List<Integer> others = new ArrayList<>(replicas);
    others.remove(position);
    int target = chooseTarget(partition, others, leaving);
    List<Integer> replaced = new ArrayList<>(replicas);
    replaced.set(position, target);
    load.addReplica(target, partition.topic(), position == 0);
    return replaced;
  }

  private int chooseTarget(TopicPartitionKey partition, List<Integer> others, BrokerInfo leaving) {
    List<Integer> candidates =
        targets.brokerIds().stream().filter(broker -> !others.contains(broker)).toList();
    if (candidates.isEmpty()) {
      throw new PlacementException(
          PlacementException.Rule.DISTINCT_BROKERS,
          "cannot move the replica of "
              + partition
              + " off broker "
              + leaving.id()
              + ": every remaining broker "
              + targets.brokerIds()
              + " already holds "
              + partition);
    }
    Map<Optional<String>, Integer> rackUsage = Racks.usage(others, targets);
    Comparator<Integer> preference =
        Comparator.<Integer>comparingInt(broker -> rackPreference(broker, leaving, rackUsage))
            .thenComparingInt(load::replicas)
            .thenComparingInt(load::leaders)
            .thenComparingInt(broker -> broker);
    return candidates.stream().min(preference).orElseThrow();
  }

  /** 0: the leaving broker's rack; then 1 + how many replicas of the partition use the rack. */
  private int rackPreference(
      int broker, BrokerInfo leaving, Map<Optional<String>, Integer> rackUsage) {
    Optional<String> rack = targets.rackOf(broker);
    if (rack.equals(leaving.rack())) {
      return 0;
    }
    return 1 + rackUsage.getOrDefault(rack, 0);
  }
}
