package dev.brook.operator.cluster;

import dev.brook.operator.api.Cluster;
import dev.brook.operator.cluster.model.ClusterObjectsModel;
import io.fabric8.kubernetes.api.model.Service;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;

/** The ClusterIP service in-cluster clients bootstrap from. */
public class BootstrapServiceDependent extends CRUDKubernetesDependentResource<Service, Cluster> {

  public BootstrapServiceDependent() {
    super(Service.class);
  }

  @Override
  protected Service desired(Cluster cluster, Context<Cluster> context) {
    return ClusterObjectsModel.bootstrapService(cluster);
  }
}
