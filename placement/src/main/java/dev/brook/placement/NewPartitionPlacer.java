package dev.brook.placement;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Chooses replica sets for new partitions by water-filling: each replica goes to the broker that,
 * among those allowed by the rules, holds the fewest replicas.
 *
 * <p>Rules, in priority order, for each replica of a partition:
 *
 * <ol>
 *   <li>never a broker that already holds a replica of the partition;
 *   <li>a broker in a rack the partition uses least so far, so a partition spans min(RF, racks)
 *       distinct racks;
 *   <li>the fewest replicas cluster-wide; for a partition's first replica in a one-rack cluster,
 *       then the fewest preferred leaders; then the fewest replicas of this topic;
 *   <li>the broker next after the previously chosen one in {@link
 *       ClusterView#rackInterleavedOrder()}, wrapping around.
 * </ol>
 *
 * <p>On a fresh cluster whose racks have equal sizes (or no racks) rules 3 and 4 reproduce a
 * striped walk over the rack-interleaved order, so replica counts end within one of the mean. With
 * several racks the leader tie-break is left out on purpose: among equally loaded brokers only the
 * unbroken interleaved walk keeps the least loaded brokers spread over all racks, which later
 * partitions need to stay both rack-spread and balanced. With one rack, choosing any of the least
 * loaded brokers keeps replica counts even, so the tie can favour leader balance, which matters for
 * replication factor 1 where the replica set is the leader. Preferred leaders are then chosen by
 * {@link LeaderBalancer}. Deterministic: no randomness, no dependence on hash order.
 */
final class NewPartitionPlacer {

  private final ClusterView cluster;
  private final BrokerLoad load;
  private final List<Integer> order;
  private final Map<Integer, Integer> positionInOrder = new HashMap<>();
  private int cursor;

  private NewPartitionPlacer(ClusterView cluster, ReplicaAssignment existing) {
    this.cluster = cluster;
    this.load = new BrokerLoad(cluster, existing);
    this.order = cluster.rackInterleavedOrder();
    for (int i = 0; i < order.size(); i++) {
      positionInOrder.put(order.get(i), i);
    }
  }

  /**
   * Places partitions {@code firstIndex .. firstIndex + count - 1} of a topic. Arguments must
   * already be validated: count >= 1 and 1 <= replicationFactor <= cluster size.
   */
  static SortedMap<Integer, List<Integer>> place(
      String topic,
      int firstIndex,
      int count,
      int replicationFactor,
      ClusterView cluster,
      ReplicaAssignment existing) {
    NewPartitionPlacer placer = new NewPartitionPlacer(cluster, existing);
    SortedMap<TopicPartitionKey, List<Integer>> placed = new TreeMap<>();
    for (int index = firstIndex; index < firstIndex + count; index++) {
      placed.put(
          new TopicPartitionKey(topic, index), placer.placePartition(topic, replicationFactor));
    }
    SortedMap<TopicPartitionKey, List<Integer>> balanced =
        new LeaderBalancer(cluster, existing, placed).balance();
    SortedMap<Integer, List<Integer>> byIndex = new TreeMap<>();
    balanced.forEach(
        (partition, replicas) -> byIndex.put(partition.partition(), List.copyOf(replicas)));
    return byIndex;
  }

  private List<Integer> placePartition(String topic, int replicationFactor) {
    List<Integer> chosen = new ArrayList<>(replicationFactor);
    for (int i = 0; i < replicationFactor; i++) {
      int broker = pickNext(topic, chosen, i == 0 && cluster.rackCount() == 1);
      chosen.add(broker);
      load.addReplica(broker, topic, i == 0);
      cursor = (positionInOrder.get(broker) + 1) % order.size();
    }
    return chosen;
  }

  private int pickNext(String topic, List<Integer> chosen, boolean preferFewerLeaders) {
    Map<Optional<String>, Integer> rackUsage = Racks.usage(chosen, cluster);
    Comparator<Integer> preference =
        Comparator.<Integer>comparingInt(
                broker -> rackUsage.getOrDefault(cluster.rackOf(broker), 0))
            .thenComparingInt(load::replicas)
            .thenComparingInt(broker -> preferFewerLeaders ? load.leaders(broker) : 0)
            .thenComparingInt(broker -> load.replicasOfTopic(broker, topic))
            .thenComparingInt(this::distanceFromCursor);
    return order.stream().filter(broker -> !chosen.contains(broker)).min(preference).orElseThrow();
  }

  private int distanceFromCursor(int broker) {
    return Math.floorMod(positionInOrder.get(broker) - cursor, order.size());
  }
}
