package dev.brook.placement;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Moves replicas from over-loaded brokers onto receiving brokers (typically brokers just added)
 * until replica counts are within one of the mean, then evens out preferred leaders by reordering
 * replica lists with {@link LeaderBalancer}.
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
 * <p>Invariants of each move: the receiver does not hold the partition; the partition keeps at
 * least as many distinct racks as before; the receiver takes the source's position in the replica
 * list. Deterministic.
 */
final class RebalancePlanner {

  private final ClusterView cluster;
  private final Set<Integer> receivers;
  private final BrokerLoad load;
  private final SortedMap<TopicPartitionKey, List<Integer>> working = new TreeMap<>();
  private final Map<Integer, NavigableSet<TopicPartitionKey>> partitionsOn = new HashMap<>();
  private final int floor;
  private final int ceil;
  private final int leaderCeil;

  private RebalancePlanner(
      ClusterView cluster, Set<Integer> receivers, ReplicaAssignment assignment) {
    this.cluster = cluster;
    this.receivers = receivers;
    this.load = new BrokerLoad(cluster, assignment);
    for (int broker : cluster.brokerIds()) {
      partitionsOn.put(broker, new TreeSet<>());
    }
    assignment
        .asMap()
        .forEach(
            (partition, replicas) -> {
              working.put(partition, new ArrayList<>(replicas));
              for (int broker : replicas) {
                if (cluster.contains(broker)) {
                  partitionsOn.get(broker).add(partition);
                }
              }
            });
    int total = cluster.brokerIds().stream().mapToInt(load::replicas).sum();
    this.floor = total / cluster.size();
    this.ceil = floor + (total % cluster.size() == 0 ? 0 : 1);
    int leaders = cluster.brokerIds().stream().mapToInt(load::leaders).sum();
    this.leaderCeil = (leaders + cluster.size() - 1) / cluster.size();
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
    while (planner.moveOneReplica()) {
      // each move lowers the excess above ceil or the shortfall below floor
    }
    SortedMap<TopicPartitionKey, List<Integer>> reordered =
        new LeaderBalancer(cluster, ReplicaAssignment.empty(), planner.working).balance();
    return ReassignmentPlan.between(assignment, assignment.with(reordered));
  }

  private boolean moveOneReplica() {
    List<Integer> receiversLeastLoaded = new ArrayList<>(receivers);
    receiversLeastLoaded.sort(Comparator.comparingInt(load::replicas).thenComparingInt(b -> b));
    List<Integer> sourcesMostLoaded = new ArrayList<>(cluster.brokerIds());
    sourcesMostLoaded.sort(
        Comparator.comparingInt((Integer broker) -> -load.replicas(broker))
            .thenComparingInt(b -> b));
    for (int receiver : receiversLeastLoaded) {
      for (int source : sourcesMostLoaded) {
        if (source != receiver && improvesBalance(source, receiver)) {
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

  private boolean improvesBalance(int source, int receiver) {
    int from = load.replicas(source);
    int to = load.replicas(receiver);
    return (from > ceil && to < ceil) || (from > floor && to < floor);
  }

  /**
   * A partition on {@code source} that {@code receiver} may take: the receiver does not hold it and
   * the rack spread does not shrink. Prefers a partition the source leads when the source leads at
   * least its share and the receiver less, else one it follows: reordering evens out leaders
   * afterwards, but it cannot move the leader of a partition whose other replicas lead enough
   * already (replication factor 1 above all), so this choice comes first. Then prefers topics the
   * receiver holds least of.
   */
  private Optional<TopicPartitionKey> choosePartition(int source, int receiver) {
    boolean moveLeadership =
        load.leaders(source) >= leaderCeil && load.leaders(receiver) < leaderCeil;
    Comparator<TopicPartitionKey> preference =
        Comparator.<TopicPartitionKey, Boolean>comparing(
                p -> (working.get(p).get(0) == source) != moveLeadership)
            .thenComparingInt(p -> load.replicasOfTopic(receiver, p.topic()))
            .thenComparing(Comparator.naturalOrder());
    return partitionsOn.get(source).stream()
        .filter(partition -> keepsRules(working.get(partition), source, receiver))
        .min(preference);
  }

  private boolean keepsRules(List<Integer> replicas, int source, int receiver) {
    if (replicas.contains(receiver)) {
      return false;
    }
    List<Integer> after = new ArrayList<>(replicas);
    after.set(after.indexOf(source), receiver);
    return Racks.distinct(after, cluster) >= Racks.distinct(replicas, cluster);
  }

  private void move(TopicPartitionKey partition, int source, int receiver) {
    List<Integer> replicas = working.get(partition);
    int position = replicas.indexOf(source);
    replicas.set(position, receiver);
    load.removeReplica(source, partition.topic(), position == 0);
    load.addReplica(receiver, partition.topic(), position == 0);
    partitionsOn.get(source).remove(partition);
    partitionsOn.get(receiver).add(partition);
  }
}
