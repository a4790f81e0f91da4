package dev.brook.operator.cluster.model;

import dev.brook.operator.api.Cluster;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import java.util.Map;

/** The cluster-wide objects of a Cluster: broker config, services, disruption budget, claims. */
public final class ClusterObjectsModel {

  private ClusterObjectsModel() {}

  public static ConfigMap configMap(Cluster cluster) {
    return new ConfigMapBuilder()
        .withMetadata(metadata(cluster, ClusterNames.configMap(cluster)))
        .withData(
            Map.of(
                BrokerConfigModel.FILE_NAME,
                BrokerConfigModel.render(BrokerConfigModel.config(cluster))))
        .build();
  }

  /**
   * Per-pod DNS names of brokers and dedicated controllers; lists pods before they are ready, so
   * nodes can find the quorum.
   */
  public static Service headlessService(Cluster cluster) {
    return new ServiceBuilder()
        .withMetadata(metadata(cluster, ClusterNames.headlessService(cluster)))
        .withNewSpec()
        .withClusterIP("None")
        .withPublishNotReadyAddresses(true)
        .withSelector(ClusterNames.podSelector(cluster))
        .addNewPort()
        .withName("clients")
        .withPort(cluster.getSpec().getListeners().getClientPort())
        .withTargetPort(new IntOrString(cluster.getSpec().getListeners().getClientPort()))
        .endPort()
        .addNewPort()
        .withName("controller")
        .withPort(cluster.getSpec().getListeners().getControllerPort())
        .withTargetPort(new IntOrString(cluster.getSpec().getListeners().getControllerPort()))
        .endPort()
        .endSpec()
        .build();
  }

  public static Service bootstrapService(Cluster cluster) {
    return new ServiceBuilder()
        .withMetadata(metadata(cluster, ClusterNames.bootstrapService(cluster)))
        .withNewSpec()
        .withType("ClusterIP")
        .withSelector(ClusterNames.brokerSelector(cluster))
        .addNewPort()
        .withName("clients")
        .withPort(cluster.getSpec().getListeners().getClientPort())
        .withTargetPort(new IntOrString(cluster.getSpec().getListeners().getClientPort()))
        .endPort()
        .endSpec()
        .build();
  }

  /**
   * At most one pod (broker or dedicated controller) down by choice: matches the roller, which
   * restarts one at a time.
   */
  public static PodDisruptionBudget podDisruptionBudget(Cluster cluster) {
    return new PodDisruptionBudgetBuilder()
        .withMetadata(metadata(cluster, ClusterNames.podDisruptionBudget(cluster)))
        .withNewSpec()
        .withMaxUnavailable(new IntOrString(1))
        .withNewSelector()
        .withMatchLabels(ClusterNames.podSelector(cluster))
        .endSelector()
        .endSpec()
        .build();
  }

  public static PersistentVolumeClaim dataClaim(Cluster cluster, int brokerId) {
    ObjectMeta metadata = metadata(cluster, ClusterNames.dataClaim(cluster, brokerId));
    metadata.getLabels().put(ClusterNames.BROKER_ID_LABEL, String.valueOf(brokerId));
    return claim(cluster, metadata);
  }

  /** The metadata volume of a dedicated controller. */
  public static PersistentVolumeClaim controllerClaim(Cluster cluster, int nodeId) {
    ObjectMeta metadata = metadata(cluster, ClusterNames.controllerClaim(cluster, nodeId));
    metadata.getLabels().put(ClusterNames.COMPONENT_LABEL, ClusterNames.COMPONENT_CONTROLLER);
    metadata.getLabels().put(ClusterNames.CONTROLLER_ID_LABEL, String.valueOf(nodeId));
    return claim(cluster, metadata);
  }

  private static PersistentVolumeClaim claim(Cluster cluster, ObjectMeta metadata) {
    return new PersistentVolumeClaimBuilder()
        .withMetadata(metadata)
        .withNewSpec()
        .withAccessModes("ReadWriteOnce")
        .withStorageClassName(cluster.getSpec().getStorage().getStorageClassName())
        .withNewResources()
        .withRequests(Map.of("storage", new Quantity(cluster.getSpec().getStorage().getSize())))
        .endResources()
        .endSpec()
        .build();
  }

  private static ObjectMeta metadata(Cluster cluster, String name) {
    return new ObjectMetaBuilder()
        .withName(name)
        .withNamespace(cluster.getMetadata().getNamespace())
        .withLabels(new java.util.TreeMap<>(ClusterNames.labels(cluster)))
        .build();
  }
}
