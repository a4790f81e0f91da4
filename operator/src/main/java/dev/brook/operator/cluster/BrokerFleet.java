package dev.brook.operator.cluster;

import dev.brook.operator.cluster.model.ClusterNames;
import dev.brook.operator.healing.Unavailability;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The broker pods of a Cluster as they are, by broker id (read from the informer cache); or its
 * dedicated controller pods, by node id ({@link #controllersOf}).
 *
 * @param pods every such pod of the cluster, including terminating ones
 */
record BrokerFleet(Map<Integer, Pod> pods) {

  static BrokerFleet of(Collection<Pod> pods) {
    return of(pods, ClusterNames.BROKER_ID_LABEL);
  }

  static BrokerFleet controllersOf(Collection<Pod> pods) {
    return of(pods, ClusterNames.CONTROLLER_ID_LABEL);
  }

  private static BrokerFleet of(Collection<Pod> pods, String idLabel) {
    Map<Integer, Pod> byId = new TreeMap<>();
    for (Pod pod : pods) {
      String id = pod.getMetadata().getLabels().get(idLabel);
      if (id != null) {
        byId.put(Integer.parseInt(id), pod);
      }
    }
    return new BrokerFleet(byId);
  }

  Optional<Pod> pod(int brokerId) {
    return Optional.ofNullable(pods.get(brokerId));
  }

  /** Rack of each broker that has a pod. */
  Map<Integer, String> racks() {
    Map<Integer, String> racks = new TreeMap<>();
    pods.forEach(
        (id, pod) -> {
          String rack = pod.getMetadata().getLabels().get(ClusterNames.RACK_LABEL);
          if (rack != null) {
            racks.put(id, rack);
          }
        });
    return racks;
  }

  static boolean isReady(Pod pod) {
    return pod.getMetadata().getDeletionTimestamp() == null && Unavailability.isReady(pod);
  }

  boolean allReady(Set<Integer> brokerIds) {
    for (int id : brokerIds) {
      if (pod(id).filter(BrokerFleet::isReady).isEmpty()) {
        return false;
      }
    }
    return true;
  }

  static String hash(Pod pod) {
    Map<String, String> annotations = pod.getMetadata().getAnnotations();
    return annotations == null ? null : annotations.get(ClusterNames.POD_HASH_ANNOTATION);
  }
}
