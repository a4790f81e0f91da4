package dev.brook.operator.cluster;

import dev.brook.operator.api.Cluster;
import dev.brook.operator.cluster.model.ClusterObjectsModel;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;

/** Lets node drains take at most one broker of a Cluster at a time. */
public class PodDisruptionBudgetDependent
    extends CRUDKubernetesDependentResource<PodDisruptionBudget, Cluster> {

  public PodDisruptionBudgetDependent() {
    super(PodDisruptionBudget.class);
  }

  @Override
  protected PodDisruptionBudget desired(Cluster cluster, Context<Cluster> context) {
    return ClusterObjectsModel.podDisruptionBudget(cluster);
  }
}
