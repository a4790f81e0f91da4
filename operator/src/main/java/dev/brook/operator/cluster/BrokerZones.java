package dev.brook.operator.cluster;

import dev.brook.operator.cluster.model.ClusterNames;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The zone each broker was placed in, recorded as a label on its data claim when its first pod is
 * created. A re-created broker (its pod lost with its node) is pinned to that zone rather than to
 * the zone the remaining pods would suggest: its replicas were placed for that rack. The Cluster's
 * status (each broker's rack) backs the labels up: a claim released with a lost node's volume is
 * re-created without one.
 */
final class BrokerZones {

  private static final Logger LOG = LoggerFactory.getLogger(BrokerZones.class);

  private BrokerZones() {}

  /**
   * The recorded zone of each broker id whose claim carries one, else the rack the last status
   * reported for it.
   */
  static Map<Integer, String> recorded(
      Collection<PersistentVolumeClaim> claims, Map<Integer, String> statusRacks) {
    return recorded(claims, ClusterNames.BROKER_ID_LABEL, statusRacks);
  }

  /** The same for the pods whose claims carry {@code idLabel} (dedicated controllers). */
  static Map<Integer, String> recorded(
      Collection<PersistentVolumeClaim> claims, String idLabel, Map<Integer, String> statusRacks) {
    Map<Integer, String> zones = new TreeMap<>(statusRacks);
    for (PersistentVolumeClaim claim : claims) {
      Map<String, String> labels = claim.getMetadata().getLabels();
      if (labels == null) {
        continue;
      }
      String id = labels.get(idLabel);
      String zone = labels.get(ClusterNames.RACK_LABEL);
      if (id != null && zone != null) {
        zones.put(Integer.parseInt(id), zone);
      }
    }
    return zones;
  }

  /** Labels the claim {@code claimName} with {@code zone} unless it carries one already. */
  static void record(
      KubernetesClient client,
      Collection<PersistentVolumeClaim> claims,
      String namespace,
      String claimName,
      String zone) {
    boolean recorded =
        claims.stream()
            .filter(c -> claimName.equals(c.getMetadata().getName()))
            .anyMatch(
                c ->
                    c.getMetadata().getLabels() != null
                        && c.getMetadata().getLabels().containsKey(ClusterNames.RACK_LABEL));
    if (recorded) {
      return;
    }
    PersistentVolumeClaim claim =
        client.persistentVolumeClaims().inNamespace(namespace).withName(claimName).get();
    if (claim == null) {
      return;
    }
    LOG.info("claim {}: recording zone {}", claimName, zone);
    client
        .persistentVolumeClaims()
        .inNamespace(namespace)
        .withName(claimName)
        .edit(
            c -> {
              c.getMetadata().getLabels().putIfAbsent(ClusterNames.RACK_LABEL, zone);
              return c;
            });
  }
}
