package dev.brook.operator.cluster;

import dev.brook.operator.api.Cluster;
import dev.brook.operator.cluster.model.BrokerIds;
import dev.brook.operator.cluster.model.ClusterNames;
import dev.brook.operator.cluster.model.ClusterObjectsModel;
import dev.brook.operator.cluster.model.ControllerIds;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.GarbageCollected;
import io.javaoperatorsdk.operator.processing.dependent.BulkDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One data claim per broker id and per dedicated controller. Claims are only created here: a
 * claim's spec is immutable once bound, and a claim of a broker id above {@code spec.replicas} is
 * kept (the data must outlive a mistaken edit) unless {@code spec.storage.deleteClaim} says
 * otherwise, in which case the drain deletes it with the broker's pod. They go with the Cluster
 * through their owner reference ({@link GarbageCollected}: Kubernetes deletes them, not the
 * operator).
 */
public class DataClaimsDependent extends KubernetesDependentResource<PersistentVolumeClaim, Cluster>
    implements Creator<PersistentVolumeClaim, Cluster>,
        GarbageCollected<Cluster>,
        BulkDependentResource<PersistentVolumeClaim, Cluster, String> {

  public DataClaimsDependent() {
    super(PersistentVolumeClaim.class);
  }

  @Override
  public Map<String, PersistentVolumeClaim> desiredResources(
      Cluster cluster, Context<Cluster> context) {
    Map<String, PersistentVolumeClaim> claims = new TreeMap<>();
    for (int id : BrokerIds.of(cluster.getSpec())) {
      claims.put(ClusterNames.dataClaim(cluster, id), ClusterObjectsModel.dataClaim(cluster, id));
    }
    for (int id : ControllerIds.of(cluster.getSpec())) {
      claims.put(
          ClusterNames.controllerClaim(cluster, id),
          ClusterObjectsModel.controllerClaim(cluster, id));
    }
    return claims;
  }

  @Override
  public Map<String, PersistentVolumeClaim> getSecondaryResources(
      Cluster cluster, Context<Cluster> context) {
    return context
        .getSecondaryResourcesAsStream(PersistentVolumeClaim.class)
        .collect(Collectors.toMap(c -> c.getMetadata().getName(), Function.identity()));
  }

  @Override
  public void deleteTargetResource(
      Cluster cluster, PersistentVolumeClaim claim, String name, Context<Cluster> context) {
    // Kept on purpose (see the class comment).
  }
}
