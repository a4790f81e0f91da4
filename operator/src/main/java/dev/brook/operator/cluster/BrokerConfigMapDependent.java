package dev.brook.operator.cluster;

import dev.brook.operator.api.Cluster;
import dev.brook.operator.cluster.model.ClusterObjectsModel;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;

/** The broker configuration shared by the pods of a Cluster. */
public class BrokerConfigMapDependent extends CRUDKubernetesDependentResource<ConfigMap, Cluster> {

  public BrokerConfigMapDependent() {
    super(ConfigMap.class);
  }

  @Override
  protected ConfigMap desired(Cluster cluster, Context<Cluster> context) {
    return ClusterObjectsModel.configMap(cluster);
  }
}
