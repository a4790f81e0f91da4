package dev.brook.placement;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** jqwik generators for clusters and assignments, shared by the property tests. */
final class Generators {

  private Generators() {}

  /**
   * 1..12 brokers with ids from 0..99, 0..4 racks of uneven sizes; some brokers of a racked cluster
   * may have no rack (the unnamed rack).
   */
  static Arbitrary<ClusterView> clusters(int minBrokers, int maxBrokers) {
    return Arbitraries.integers()
        .between(minBrokers, maxBrokers)
        .flatMap(
            count ->
                Combinators.combine(
                        Arbitraries.integers().between(0, 99).set().ofSize(count),
                        Arbitraries.integers().between(0, 4),
                        Arbitraries.integers().between(0, 4).list().ofSize(count))
                    .as(Generators::cluster));
  }

  private static ClusterView cluster(Set<Integer> ids, int racks, List<Integer> rackChoices) {
    List<BrokerInfo> brokers = new ArrayList<>();
    int i = 0;
    for (int id : ids) {
      int choice = rackChoices.get(i++);
      brokers.add(
          racks == 0 || choice == 4
              ? BrokerInfo.withoutRack(id)
              : BrokerInfo.of(id, "rack-" + (char) ('a' + choice % racks)));
    }
    return ClusterView.of(brokers);
  }

  /** No racks (1..12 brokers), or 1..4 racks of equal size, at most 12 brokers. */
  static Arbitrary<ClusterView> evenlyRackedClusters() {
    return Combinators.combine(
            Arbitraries.integers().between(0, 4), Arbitraries.integers().between(1, 12))
        .filter((racks, perRack) -> Math.max(racks, 1) * perRack <= 12)
        .as(
            (racks, perRack) -> {
              int rackCount = Math.max(racks, 1);
              List<BrokerInfo> brokers = new ArrayList<>();
              for (int id = 0; id < rackCount * perRack; id++) {
                brokers.add(
                    racks == 0
                        ? BrokerInfo.withoutRack(id)
                        : BrokerInfo.of(id, "rack-" + (char) ('a' + id % rackCount)));
              }
              return ClusterView.of(brokers);
            });
  }

  /**
   * Random topics with random replica lists over the cluster's brokers (plus, sometimes, a broker
   * outside it), not balanced in any way.
   */
  static ReplicaAssignment randomAssignment(ClusterView cluster, long seed) {
    Random random = new Random(seed);
    List<Integer> brokers = new ArrayList<>(cluster.brokerIds());
    if (random.nextInt(4) == 0) {
      brokers.add(1000);
    }
    Map<TopicPartitionKey, List<Integer>> replicas = new TreeMap<>();
    int topics = random.nextInt(4);
    for (int t = 0; t < topics; t++) {
      int rf = 1 + random.nextInt(Math.min(3, brokers.size()));
      int partitions = 1 + random.nextInt(12);
      for (int p = 0; p < partitions; p++) {
        Collections.shuffle(brokers, random);
        replicas.put(
            new TopicPartitionKey("existing-" + t, p), List.copyOf(brokers.subList(0, rf)));
      }
    }
    return ReplicaAssignment.of(replicas);
  }

  /** Topics created one after another with the placer itself, as a controller would. */
  static ReplicaAssignment placedAssignment(ClusterView cluster, List<int[]> topics) {
    ReplicaAssignment assignment = ReplicaAssignment.empty();
    int t = 0;
    for (int[] partitionsAndRf : topics) {
      int rf = Math.min(partitionsAndRf[1], cluster.size());
      String topic = "placed-" + t++;
      assignment =
          assignment.withTopic(
              topic, Placement.assignNewTopic(topic, partitionsAndRf[0], rf, cluster, assignment));
    }
    return assignment;
  }

  /** Up to 5 topics of 1..50 partitions and replication factor 1..4. */
  static Arbitrary<List<int[]>> topicShapes() {
    return Combinators.combine(
            Arbitraries.integers().between(1, 50), Arbitraries.integers().between(1, 4))
        .as((partitions, rf) -> new int[] {partitions, rf})
        .list()
        .ofMinSize(1)
        .ofMaxSize(5);
  }
}
