package dev.brook.operator.testing;

import dev.brook.operator.api.Cluster;
import dev.brook.operator.api.ClusterSpec;
import dev.brook.operator.api.ClusterStatus;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

/** Builders of test resources. */
public final class Resources {

  private Resources() {}

  /**
   * A Cluster resource whose status points at an outside broker: stands for a running cluster in
   * tests that run only the Topic or ConsumerGroup reconciler.
   */
  public static Cluster clusterAt(
      KubernetesClient client, String namespace, String name, String bootstrap) {
    Cluster cluster = new Cluster();
    cluster.setSpec(new ClusterSpec());
    cluster.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
    cluster.getSpec().setReplicas(1);
    cluster.getSpec().getControllers().setCount(1);
    Cluster created = client.resource(cluster).create();
    ClusterStatus status = new ClusterStatus();
    status.setBootstrap(bootstrap);
    status.setReplicas(1);
    created.setStatus(status);
    return client.resource(created).updateStatus();
  }
}
