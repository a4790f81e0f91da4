package dev.brook.operator.cluster;

import dev.brook.operator.api.BrokerStatus;
import dev.brook.operator.api.Cluster;
import dev.brook.operator.api.ClusterStatus;
import dev.brook.operator.api.ConditionReason;
import dev.brook.operator.api.ConditionType;
import dev.brook.operator.api.Conditions;
import dev.brook.operator.cluster.model.BrokerIds;
import dev.brook.operator.cluster.model.ClusterNames;
import dev.brook.operator.cluster.model.QuorumIdentityModel;
import dev.brook.operator.healing.BrokerAvailability;
import dev.brook.operator.status.Outcome;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.StringJoiner;
import java.util.TreeSet;

/** Computes a Cluster's status from its pods and the outcome of a reconciliation. */
final class ClusterStatusModel {

  private ClusterStatusModel() {}

  static ClusterStatus status(Cluster cluster, BrokerFleet fleet, Convergence convergence) {
    ClusterStatus previous = cluster.getStatus();
    ClusterStatus status = new ClusterStatus();
    long generation = cluster.getMetadata().getGeneration();
    status.setObservedGeneration(generation);
    Outcome outcome = convergence.outcome();
    List<Condition> conditions =
        Conditions.outcome(
            previous == null ? null : previous.getConditions(),
            outcome.reason(),
            outcome.message(),
            generation);
    if (convergence.lostMessage().isPresent() && outcome.reason() != ConditionReason.BrokerLost) {
      // Healing is progress, yet the cluster stays degraded until the broker is back.
      conditions =
          Conditions.set(
              conditions,
              ConditionType.Degraded,
              true,
              ConditionReason.BrokerLost,
              convergence.lostMessage().get(),
              generation);
    }
    status.setConditions(conditions);
    status.setClusterId(QuorumIdentityModel.clusterId(cluster).orElse(null));
    boolean formed =
        (previous != null && Boolean.TRUE.equals(previous.getQuorumFormed()))
            || Conditions.isTrue(conditions, ConditionType.Ready);
    status.setQuorumFormed(status.getClusterId() != null && formed ? Boolean.TRUE : null);
    status.setPartitionMoves(convergence.moves().orElse(null));
    status.setQueuedOperations(convergence.queued());
    status.setCordonedBrokers(new ArrayList<>(convergence.cordoned()));
    SortedSet<Integer> ids = new TreeSet<>(BrokerIds.of(cluster.getSpec()));
    ids.addAll(fleet.pods().keySet());
    ids.addAll(convergence.leaving());
    List<BrokerStatus> brokers = new ArrayList<>();
    for (int id : ids) {
      BrokerStatus broker = broker(cluster, id, fleet.pod(id));
      BrokerAvailability availability = convergence.brokers().get(id);
      if (availability != null) {
        availability.since().ifPresent(since -> broker.setUnavailableSince(since.toString()));
        broker.setUnavailableReason(availability.reason().orElse(null));
        broker.setLost(availability.lost());
      }
      broker.setLeaving(convergence.leaving().contains(id));
      brokers.add(broker);
    }
    status.setBrokers(brokers);
    status.setReplicas(fleet.pods().size());
    status.setSelector(ClusterNames.selectorString(cluster));
    status.setBootstrap(bootstrap(fleet.pods(), cluster.getSpec().getListeners().getClientPort()));
    return status;
  }

  private static BrokerStatus broker(Cluster cluster, int id, Optional<Pod> pod) {
    BrokerStatus broker = new BrokerStatus();
    broker.setId(id);
    broker.setPod(ClusterNames.brokerPod(cluster, id));
    broker.setPhase("Missing");
    pod.ifPresent(
        p -> {
          broker.setNode(p.getSpec().getNodeName());
          broker.setRack(p.getMetadata().getLabels().get(ClusterNames.RACK_LABEL));
          broker.setPhase(
              p.getMetadata().getDeletionTimestamp() != null
                  ? "Terminating"
                  : p.getStatus() == null ? "Pending" : p.getStatus().getPhase());
          broker.setReady(BrokerFleet.isReady(p));
        });
    return broker;
  }

  /**
   * Pod IP and client port of every running broker pod, by broker id. Pod IPs rather than the
   * bootstrap service: the address must work for the clients the status is read by, including ones
   * outside the cluster network on a development machine.
   */
  private static String bootstrap(Map<Integer, Pod> pods, int port) {
    StringJoiner bootstrap = new StringJoiner(",");
    pods.values().stream()
        .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
        .filter(p -> p.getStatus() != null && p.getStatus().getPodIP() != null)
        .filter(p -> "Running".equals(p.getStatus().getPhase()))
        .forEach(p -> bootstrap.add(p.getStatus().getPodIP() + ":" + port));
    return bootstrap.length() == 0 ? null : bootstrap.toString();
  }
}
