package dev.brook.placement;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Replica and preferred-leader counts per broker of a cluster view, kept up to date while a planner
 * places replicas. Also counts replicas per (broker, topic) so that ties can favour the broker
 * holding the fewest replicas of the topic being placed.
 *
 * <p>Mutable and confined to one planning call. Brokers outside the view are not counted.
 */
final class BrokerLoad {

  private static final int[] NONE = new int[2];

  private final Map<Integer, int[]> replicasAndLeaders = new HashMap<>();
  private final Map<Integer, Map<String, Integer>> replicasByTopic = new HashMap<>();

  BrokerLoad(ClusterView cluster, ReplicaAssignment assignment) {
    for (int broker : cluster.brokerIds()) {
      replicasAndLeaders.put(broker, new int[2]);
      replicasByTopic.put(broker, new HashMap<>());
    }
    assignment.asMap().forEach((partition, replicas) -> addAll(partition.topic(), replicas));
  }

  private void addAll(String topic, List<Integer> replicas) {
    for (int i = 0; i < replicas.size(); i++) {
      addReplica(replicas.get(i), topic, i == 0);
    }
  }

  void addReplica(int broker, String topic, boolean leader) {
    change(broker, topic, leader, 1);
  }

  void removeReplica(int broker, String topic, boolean leader) {
    change(broker, topic, leader, -1);
  }

  private void change(int broker, String topic, boolean leader, int delta) {
    int[] counts = replicasAndLeaders.get(broker);
    if (counts == null) {
      return;
    }
    counts[0] += delta;
    if (leader) {
      counts[1] += delta;
    }
    replicasByTopic.get(broker).merge(topic, delta, Integer::sum);
  }

  /** Replicas on the broker; zero for a broker outside the view. */
  int replicas(int broker) {
    return replicasAndLeaders.getOrDefault(broker, NONE)[0];
  }

  /** Partitions the broker is preferred leader of; zero for a broker outside the view. */
  int leaders(int broker) {
    return replicasAndLeaders.getOrDefault(broker, NONE)[1];
  }

  int replicasOfTopic(int broker, String topic) {
    return replicasByTopic.getOrDefault(broker, Map.of()).getOrDefault(topic, 0);
  }
}
