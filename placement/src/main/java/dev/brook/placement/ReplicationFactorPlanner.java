package dev.brook.placement;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Changes the replication factor of one topic's partitions, touching as few replicas as it can.
 *
 * <p>Raising it appends brokers to each replica list, each chosen among the brokers of the view
 * that do not hold the partition: a rack the partition uses least first, then the fewest replicas,
 * then the fewest replicas of the topic, then the lowest id. Lowering it removes replicas on
 * brokers outside the view first (gone, or leaving), then followers in the rack the partition uses
 * most, the most loaded first, then the highest id; the preferred leader (the list's head) stays
 * unless it is outside the view. Replicas are added (or removed) one per partition per round, each
 * choice updating the load the next one sees, so a topic's added replicas spread evenly over the
 * brokers instead of filling its first partitions from the emptiest ones.
 *
 * <p>Invariants: every partition of the topic ends with exactly the requested number of distinct
 * replicas; a partition placed with the most racks its replication factor allows keeps that
 * property; replicas that stay keep their order.
 */
final class ReplicationFactorPlanner {

  private final ClusterView cluster;
  private final BrokerLoad load;

  private ReplicationFactorPlanner(ClusterView cluster, ReplicaAssignment assignment) {
    this.cluster = cluster;
    this.load = new BrokerLoad(cluster, assignment);
  }

  static ReassignmentPlan plan(
      String topic, int replicationFactor, ClusterView cluster, ReplicaAssignment assignment) {
    SortedMap<TopicPartitionKey, List<Integer>> partitions = assignment.partitionsOf(topic);
    if (partitions.isEmpty()) {
      throw new PlacementException(
          PlacementException.Rule.EXISTING_TOPIC, "topic " + topic + " has no partitions");
    }
    Requests.checkReplicationFactor(topic, replicationFactor, cluster);
    ReplicationFactorPlanner planner = new ReplicationFactorPlanner(cluster, assignment);
    SortedMap<TopicPartitionKey, List<Integer>> targets = new TreeMap<>();
    partitions.forEach((partition, replicas) -> targets.put(partition, new ArrayList<>(replicas)));
    boolean changing = true;
    while (changing) {
      changing = false;
      for (List<Integer> target : targets.values()) {
        if (target.size() < replicationFactor) {
          planner.add(topic, target);
          changing = true;
        } else if (target.size() > replicationFactor) {
          planner.remove(topic, target);
          changing = true;
        }
      }
    }
    planner.evenOutAdded(topic, partitions, targets);
    return ReassignmentPlan.between(assignment, assignment.with(targets));
  }

  /**
   * Greedy choices can leave brokers two or more apart at the end; an added replica costs the same
   * copy wherever it goes, so added replicas move from a broker to one holding at least two fewer
   * (not holding the partition, rack spread kept) until none can. Each move lowers the sum of
   * squared counts, so this ends.
   */
  private void evenOutAdded(
      String topic,
      SortedMap<TopicPartitionKey, List<Integer>> before,
      SortedMap<TopicPartitionKey, List<Integer>> targets) {
    boolean moved = true;
    while (moved) {
      moved = false;
      for (Map.Entry<TopicPartitionKey, List<Integer>> entry : targets.entrySet()) {
        List<Integer> target = entry.getValue();
        List<Integer> original = before.get(entry.getKey());
        for (int i = 0; i < target.size(); i++) {
          int added = target.get(i);
          if (original.contains(added)) {
            continue;
          }
          Optional<Integer> lighter =
              cluster.brokerIds().stream()
                  .filter(b -> !target.contains(b))
                  .filter(b -> load.replicas(added) - load.replicas(b) >= 2)
                  .filter(b -> Racks.swapKeepsSpread(target, added, b, cluster))
                  .min(Comparator.<Integer>comparingInt(load::replicas).thenComparingInt(b -> b));
          if (lighter.isPresent()) {
            target.set(i, lighter.get());
            load.removeReplica(added, topic, i == 0);
            load.addReplica(lighter.get(), topic, i == 0);
            moved = true;
          }
        }
      }
    }
  }

  private void add(String topic, List<Integer> replicas) {
    Map<Optional<String>, Integer> rackUsage = Racks.usage(replicas, cluster);
    int broker =
        cluster.brokerIds().stream()
            .filter(b -> !replicas.contains(b))
            .min(
                Comparator.<Integer>comparingInt(b -> rackUsage.getOrDefault(cluster.rackOf(b), 0))
                    .thenComparingInt(load::replicas)
                    .thenComparingInt(b -> load.replicasOfTopic(b, topic))
                    .thenComparingInt(b -> b))
            .orElseThrow();
    replicas.add(broker);
    load.addReplica(broker, topic, replicas.size() == 1);
  }

  private void remove(String topic, List<Integer> replicas) {
    Optional<Integer> outside = replicas.stream().filter(b -> !cluster.contains(b)).findFirst();
    int broker;
    if (outside.isPresent()) {
      broker = outside.get();
    } else {
      Map<Optional<String>, Integer> rackUsage = Racks.usage(replicas, cluster);
      broker =
          replicas.subList(1, replicas.size()).stream()
              .max(
                  Comparator.<Integer>comparingInt(b -> rackUsage.get(cluster.rackOf(b)))
                      .thenComparingInt(load::replicas)
                      .thenComparingInt(b -> b))
              .orElseThrow();
    }
    boolean wasLeader = replicas.get(0) == broker;
    replicas.remove(Integer.valueOf(broker));
    load.removeReplica(broker, topic, wasLeader);
    if (wasLeader) {
      load.removeReplica(replicas.get(0), topic, false);
      load.addReplica(replicas.get(0), topic, true);
    }
  }
}
