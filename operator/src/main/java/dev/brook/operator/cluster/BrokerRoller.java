package dev.brook.operator.cluster;

import static dev.brook.operator.kafka.KafkaCalls.await;

import dev.brook.operator.api.Cluster;
import dev.brook.operator.api.ConditionReason;
import dev.brook.operator.cluster.model.BrokerConfigModel;
import dev.brook.operator.cluster.model.BrokerIds;
import dev.brook.operator.cluster.model.BrokerPodModel;
import dev.brook.operator.cluster.model.ClusterNames;
import dev.brook.operator.cluster.model.ControllerIds;
import dev.brook.operator.cluster.model.RackAssignment;
import dev.brook.operator.events.EventPublisher;
import dev.brook.operator.kafka.KafkaCallException;
import dev.brook.operator.quorum.QuorumChanges;
import dev.brook.operator.reassign.ClusterLayout;
import dev.brook.operator.status.Outcome;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.Node;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates and rolls the broker pods:
 *
 * <ol>
 *   <li>Create the pod of every broker id below {@code spec.replicas} that has none, in the zone
 *       recorded on its claim, else in the zone with fewest brokers; the zone is then recorded.
 *   <li>If a pod's hash differs from its desired pod (config or image changed, or a restart asked
 *       with {@link ClusterNames#RESTART_ANNOTATION}) or the pod is annotated {@link
 *       ClusterNames#MANUAL_ROLLING_UPDATE_ANNOTATION}, every pod is ready and every partition has
 *       its full ISR, delete that one pod (lowest id first, the active controller last: {@link
 *       RollOrder}); creation brings it back in the new form on a later reconciliation, and the
 *       next waits until it is ready again.
 * </ol>
 *
 * A pod is never deleted while any partition is under-replicated, so a roll never takes a partition
 * below its in-sync replicas, nor a voter's pod while the quorum would lose its majority. The
 * {@link ClusterReconciler} decides when a roll may run at all.
 */
final class BrokerRoller {

  private static final Logger LOG = LoggerFactory.getLogger(BrokerRoller.class);

  private final KubernetesClient client;

  BrokerRoller(KubernetesClient client) {
    this.client = client;
  }

  /**
   * The desired pod of every broker id the spec wants ({@link BrokerIds}).
   *
   * @param recordedZones the zone recorded on each broker's claim ({@link BrokerZones})
   */
  static Map<Integer, Pod> desired(
      Cluster cluster, BrokerFleet fleet, List<String> zones, Map<Integer, String> recordedZones) {
    String configText = restartRelevantConfig(cluster);
    return desiredPods(
        BrokerIds.of(cluster.getSpec()),
        fleet,
        zones,
        recordedZones,
        (id, rack) -> BrokerPodModel.pod(cluster, id, rack, configText));
  }

  /**
   * The desired pod of every dedicated controller ({@code spec.controllers.dedicated}), spread over
   * the zones as brokers are.
   */
  static Map<Integer, Pod> desiredControllers(
      Cluster cluster, BrokerFleet controllers, List<String> zones, Map<Integer, String> recorded) {
    String configText = restartRelevantConfig(cluster);
    return desiredPods(
        ControllerIds.of(cluster.getSpec()),
        controllers,
        zones,
        recorded,
        (id, rack) -> BrokerPodModel.controllerPod(cluster, id, rack, configText));
  }

  /** One pod per id, in the zone recorded for it or else the least used one. */
  private static Map<Integer, Pod> desiredPods(
      java.util.Set<Integer> ids,
      BrokerFleet current,
      List<String> zones,
      Map<Integer, String> recordedZones,
      java.util.function.BiFunction<Integer, Optional<String>, Pod> podOf) {
    Map<Integer, String> racks = new TreeMap<>(recordedZones);
    racks.putAll(current.racks());
    Map<Integer, Pod> desired = new TreeMap<>();
    for (int id : ids) {
      Optional<String> rack = Optional.ofNullable(racks.get(id));
      if (rack.isEmpty()) {
        rack = RackAssignment.assign(zones, racks, id);
        int nodeId = id;
        rack.ifPresent(zone -> racks.put(nodeId, zone));
      }
      desired.put(id, podOf.apply(id, rack));
    }
    return desired;
  }

  private static String restartRelevantConfig(Cluster cluster) {
    return BrokerConfigModel.render(
        BrokerConfigModel.restartRelevant(BrokerConfigModel.config(cluster)));
  }

  /** Creates the missing pods of {@code desired}; returns how many. */
  int createMissing(
      Cluster cluster,
      BrokerFleet fleet,
      Map<Integer, Pod> desired,
      Collection<PersistentVolumeClaim> claims) {
    int created = 0;
    for (Map.Entry<Integer, Pod> entry : desired.entrySet()) {
      if (fleet.pod(entry.getKey()).isEmpty()) {
        create(cluster, entry.getValue());
        String zone = entry.getValue().getMetadata().getLabels().get(ClusterNames.RACK_LABEL);
        if (zone != null) {
          BrokerZones.record(
              client,
              claims,
              cluster.getMetadata().getNamespace(),
              claimOf(entry.getValue()),
              zone);
        }
        created++;
      }
    }
    return created;
  }

  /**
   * The ids of the pods whose form differs from {@code desired} or that are annotated for a manual
   * rolling update, ascending.
   */
  static List<Integer> stale(BrokerFleet fleet, Map<Integer, Pod> desired) {
    return desired.entrySet().stream()
        .filter(e -> fleet.pod(e.getKey()).isPresent())
        .filter(
            e -> {
              Pod current = fleet.pods().get(e.getKey());
              return !hashOf(e.getValue()).equals(BrokerFleet.hash(current))
                  || manualRollingUpdate(current);
            })
        .map(Map.Entry::getKey)
        .sorted()
        .toList();
  }

  /** Ready pods are not enough: every broker must have registered with the one cluster. */
  static Outcome checkMembership(Cluster cluster, int registered) {
    int replicas = cluster.getSpec().getReplicas();
    if (registered < replicas) {
      return Outcome.transientProblem(
          ConditionReason.Creating,
          registered + " of " + replicas + " brokers have joined the cluster");
    }
    return Outcome.reconciled("every broker (" + replicas + ") runs the desired configuration");
  }

  /**
   * Restarts one of the {@code stale} brokers (ascending ids), the active controller last. A voter
   * restarts only when the quorum keeps its majority, and one the spec no longer wants as a voter
   * leaves the quorum first ({@link QuorumChanges}).
   *
   * @param joinable wanted voters not in the quorum yet whose pods are up to date
   */
  Outcome roll(
      Cluster cluster,
      BrokerFleet fleet,
      List<Integer> stale,
      Admin admin,
      ClusterLayout layout,
      QuorumChanges quorum,
      Set<Integer> joinable) {
    int brokerId;
    try {
      brokerId = RollOrder.next(stale, activeController(admin));
      Optional<String> underReplicated = layout.firstUnderReplicated();
      if (underReplicated.isPresent()) {
        return Outcome.transientProblem(
            ConditionReason.WaitingForInSyncReplicas,
            "broker "
                + brokerId
                + " waits to restart: partition "
                + underReplicated.get()
                + " is not fully in sync");
      }
      Optional<String> quorumBlocker = quorum.restartBlocker(brokerId, joinable);
      if (quorumBlocker.isPresent()) {
        return Outcome.transientProblem(ConditionReason.WaitingForQuorum, quorumBlocker.get());
      }
      quorum.removeIfUnwanted(brokerId);
    } catch (KafkaCallException e) {
      return Outcome.transientProblem(ConditionReason.KafkaUnavailable, e.getMessage());
    }
    return restart(cluster, fleet.pods().get(brokerId), "broker " + brokerId);
  }

  /**
   * Deletes {@code pod} so that creation brings it back in its new form, with an Event.
   *
   * @param node what the pod runs, for the log, the Event and the status ("broker 3")
   */
  Outcome restart(Cluster cluster, Pod pod, String node) {
    LOG.info(
        "Cluster {}/{}: restarting {} (pod {}) to apply a changed spec",
        cluster.getMetadata().getNamespace(),
        cluster.getMetadata().getName(),
        node,
        pod.getMetadata().getName());
    client.resource(pod).delete();
    new EventPublisher(client)
        .normal(
            cluster,
            ConditionReason.RollingRestart.name(),
            "Restarting " + node + " (pod " + pod.getMetadata().getName() + ")");
    return Outcome.transientProblem(
        ConditionReason.RollingRestart, "restarting " + node + " to apply the spec");
  }

  private static OptionalInt activeController(Admin admin) {
    Node controller = await(admin.describeCluster().controller(), "describe cluster");
    return controller == null || controller.isEmpty()
        ? OptionalInt.empty()
        : OptionalInt.of(controller.id());
  }

  private void create(Cluster cluster, Pod pod) {
    pod.getMetadata()
        .setOwnerReferences(
            List.of(
                new OwnerReferenceBuilder()
                    .withApiVersion(cluster.getApiVersion())
                    .withKind(cluster.getKind())
                    .withName(cluster.getMetadata().getName())
                    .withUid(cluster.getMetadata().getUid())
                    .withController(true)
                    .withBlockOwnerDeletion(true)
                    .build()));
    LOG.info(
        "Cluster {}/{}: creating pod {} in rack {}",
        cluster.getMetadata().getNamespace(),
        cluster.getMetadata().getName(),
        pod.getMetadata().getName(),
        pod.getMetadata().getLabels().getOrDefault(ClusterNames.RACK_LABEL, "-"));
    try {
      client.resource(pod).create();
    } catch (KubernetesClientException e) {
      if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
        throw e;
      }
      // The pod informer has not seen our own earlier create yet; its event reconciles again.
      LOG.debug("Pod {} exists already", pod.getMetadata().getName());
    }
  }

  private static String claimOf(Pod pod) {
    return pod.getSpec().getVolumes().stream()
        .filter(v -> v.getPersistentVolumeClaim() != null)
        .map(v -> v.getPersistentVolumeClaim().getClaimName())
        .findFirst()
        .orElseThrow();
  }

  private static boolean manualRollingUpdate(Pod pod) {
    Map<String, String> annotations = pod.getMetadata().getAnnotations();
    return annotations != null
        && "true".equalsIgnoreCase(annotations.get(ClusterNames.MANUAL_ROLLING_UPDATE_ANNOTATION));
  }

  private static String hashOf(Pod pod) {
    return BrokerFleet.hash(pod);
  }
}
