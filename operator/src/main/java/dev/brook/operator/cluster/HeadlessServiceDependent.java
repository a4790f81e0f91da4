package dev.brook.operator.cluster;

import dev.brook.operator.api.Cluster;
import dev.brook.operator.cluster.model.ClusterObjectsModel;
import io.fabric8.kubernetes.api.model.Service;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;

/** The headless service that gives each broker pod a stable DNS name. */
public class HeadlessServiceDependent extends CRUDKubernetesDependentResource<Service, Cluster> {

  public HeadlessServiceDependent() {
    super(Service.class);
  }

  @Override
  protected Service desired(Cluster cluster, Context<Cluster> context) {
    return ClusterObjectsModel.headlessService(cluster);
  }
}
