package dev.brook.placement;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Moves replicas from over-loaded brokers onto receiving brokers (typically brokers just added)
 * until replica counts are within one of the mean, as far as rack spread allows, then evens out
 * preferred leaders by reordering replica lists with {@link LeaderBalancer}.
 *
 * <p>With {@code T} replicas on {@code N} brokers of the view, let {@code floor = T / N} and {@code
 * ceil} its round-up. A replica moves from {@code u} to {@code v} only when the move lowers the
 * excess above {@code ceil} ({@code u > ceil}, {@code v < ceil}) or the shortfall below {@code
 * floor} ({@code u > floor}, {@code v < floor}). The least loaded receiver and the most loaded
 * source are paired first, so a move lowers both the excess above {@code ceil} (summed over all
 * brokers) and the shortfall below {@code floor} (summed over receivers) whenever both are positive
 * and the rules allow it. The number of moves is then {@code max(excess, shortfall)}, the least
 * that can reach balance; when a rule blocks that pair it is at most their sum.
 *
 * <p>Rack spread can make the cluster-wide mean unreachable: with three racks, a partition of
 * replication factor three keeps one replica per rack, so a rack of two brokers shares what a rack
 * of one broker holds alone. Cluster-wide moves are therefore followed by moves within each rack,
 * by the same rule against the rack's own mean ({@code floor} and {@code ceil} of the rack's
 * replicas over its brokers); moves within a rack never change the spread. The two alternate until
 * neither can move. Every move goes from a broker to one holding at least two replicas fewer, so
 * the sum of squared counts falls with each and the alternation ends.
 *
 * <p>Invariants of each move: the receiver does not hold the partition; the partition keeps at
 * least as many distinct racks as before; the receiver takes the source's position in the replica
 * list. Deterministic.
 *
 * <p>Leader reordering considers every partition, so the plan may list partitions whose replicas
 * stay where they are and only change order; those copy no data (they need a preferred leader
 * election to take effect). Leader counts end at the least maximum the final replica sets allow,
 * which is not always within one of the mean: minimal moves fix the sets first.
 */
final class RebalancePlanner {

  private final ClusterView cluster;
  private final Set<Integer> receivers;
  private final BrokerLoad load;
  private final SortedMap<TopicPartitionKey, List<Integer>> working = new TreeMap<>();
  private final PartitionIndex partitionsOn = new PartitionIndex();
  private final int clusterFloor;
  private final int clusterCeil;

  private RebalancePlanner(
      ClusterView cluster, Set<Integer> receivers, ReplicaAssignment assignment) {
    this.cluster = cluster;
    this.receivers = receivers;
    this.load = new BrokerLoad(cluster, assignment);
    assignment
        .asMap()
        .forEach(
            (partition, replicas) -> {
              working.put(partition, new ArrayList<>(replicas));
              for (int i = 0; i < replicas.size(); i++) {
                if (cluster.contains(replicas.get(i))) {
                  partitionsOn.add(replicas.get(i), partition, i == 0);
                }
              }
            });
    int total = cluster.brokerIds().stream().mapToInt(load::replicas).sum();
    this.clusterFloor = total / cluster.size();
    this.clusterCeil = clusterFloor + (total % cluster.size() == 0 ? 0 : 1);
  }

  static ReassignmentPlan plan(
      Set<Integer> receivers, ClusterView cluster, ReplicaAssignment assignment) {
    for (int receiver : receivers) {
      if (!cluster.contains(receiver)) {
        throw new PlacementException(
            PlacementException.Rule.KNOWN_BROKER,
            "receiving broker " + receiver + " is not in the cluster view " + cluster.brokerIds());
      }
    }
    if (receivers.isEmpty() || assignment.partitionCount() == 0) {
      return ReassignmentPlan.between(assignment, assignment);
    }
    RebalancePlanner planner = new RebalancePlanner(cluster, receivers, assignment);
    boolean moved = true;
    while (moved) {
      moved = false;
      while (planner.moveOneReplica(
          planner.cluster.brokerIds(), planner.clusterFloor, planner.clusterCeil)) {
        moved = true;
      }
      while (planner.moveOneReplicaWithinARack()) {
        moved = true;
      }
    }
    SortedMap<TopicPartitionKey, List<Integer>> reordered =
        new LeaderBalancer(cluster, ReplicaAssignment.empty(), planner.working).balance();
    return ReassignmentPlan.between(assignment, assignment.with(reordered));
  }

  private boolean moveOneReplicaWithinARack() {
    for (List<Integer> rack : cluster.brokerIdsByRack().values()) {
      if (rack.size() < 2) {
        continue;
      }
      int total = rack.stream().mapToInt(load::replicas).sum();
      int rackFloor = total / rack.size();
      int rackCeil = rackFloor + (total % rack.size() == 0 ? 0 : 1);
      if (moveOneReplica(rack, rackFloor, rackCeil)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Makes one move between the given brokers that lowers the excess above {@code ceil} or the
   * shortfall below {@code floor}, if any is possible.
   */
  private boolean moveOneReplica(Collection<Integer> brokers, int floor, int ceil) {
    List<Integer> receiversLeastLoaded =
        new ArrayList<>(brokers.stream().filter(receivers::contains).toList());
    receiversLeastLoaded.sort(Comparator.comparingInt(load::replicas).thenComparingInt(b -> b));
    List<Integer> sourcesMostLoaded = new ArrayList<>(brokers);
    sourcesMostLoaded.sort(
        Comparator.comparingInt((Integer broker) -> -load.replicas(broker))
            .thenComparingInt(b -> b));
    for (int receiver : receiversLeastLoaded) {
      for (int source : sourcesMostLoaded) {
        if (source != receiver && improvesBalance(source, receiver, floor, ceil)) {
          Optional<TopicPartitionKey> partition = choosePartition(source, receiver);
          if (partition.isPresent()) {
            move(partition.get(), source, receiver);
            return true;
          }
        }
      }
    }
    return false;
  }

  private boolean improvesBalance(int source, int receiver, int floor, int ceil) {
    int from = load.replicas(source);
    int to = load.replicas(receiver);
    return (from > ceil && to < ceil) || (from > floor && to < floor);
  }

  /**
   * A partition on {@code source} that {@code receiver} may take: the receiver does not hold it and
   * the rack spread does not shrink. Preferences, in order:
   *
   * <ol>
   *   <li>a partition the source follows rather than leads, so that leadership stays put and the
   *       receiver becomes a possible leader for {@link LeaderBalancer};
   *   <li>a topic the receiver holds few replicas of, to spread topics;
   *   <li>a partition whose leader leads the most partitions, so that the receiver can take
   *       leadership exactly where there is too much of it.
   * </ol>
   */
  private Optional<TopicPartitionKey> choosePartition(int source, int receiver) {
    Comparator<TopicPartitionKey> leaderBusiestFirst =
        Comparator.comparingInt((TopicPartitionKey p) -> -load.leaders(working.get(p).get(0)));
    for (boolean leader : new boolean[] {false, true}) {
      SortedMap<String, NavigableSet<TopicPartitionKey>> byTopic =
          partitionsOn.partitionsOf(source, leader);
      List<String> topics = new ArrayList<>(byTopic.keySet());
      topics.sort(Comparator.comparingInt(topic -> load.replicasOfTopic(receiver, topic)));
      for (String topic : topics) {
        Optional<TopicPartitionKey> chosen =
            byTopic.get(topic).stream()
                .filter(partition -> keepsRules(working.get(partition), source, receiver))
                .min(leaderBusiestFirst);
        if (chosen.isPresent()) {
          return chosen;
        }
      }
    }
    return Optional.empty();
  }

  private boolean keepsRules(List<Integer> replicas, int source, int receiver) {
    if (replicas.contains(receiver)) {
      return false;
    }
    return Racks.swapKeepsSpread(replicas, source, receiver, cluster);
  }

  private void move(TopicPartitionKey partition, int source, int receiver) {
    List<Integer> replicas = working.get(partition);
    int position = replicas.indexOf(source);
    replicas.set(position, receiver);
    load.removeReplica(source, partition.topic(), position == 0);
    load.addReplica(receiver, partition.topic(), position == 0);
    partitionsOn.remove(source, partition, position == 0);
    partitionsOn.add(receiver, partition, position == 0);
  }
}
