package dev.brook.operator.kafka;

import dev.brook.operator.api.Cluster;
import dev.brook.operator.api.ConditionReason;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Optional;

/**
 * The Cluster a Topic or ConsumerGroup refers to, resolved to a bootstrap address, or the reason it
 * cannot be used yet.
 *
 * @param bootstrap the cluster's {@code status.bootstrap}; empty when {@code problem} is set
 * @param problem why the cluster cannot be reached, or empty
 * @param message human details of {@code problem}
 * @param cluster the Cluster resource, empty when it does not exist
 */
public record ClusterTarget(
    String namespace,
    String name,
    Optional<String> bootstrap,
    Optional<ConditionReason> problem,
    String message,
    Optional<Cluster> cluster) {

  /** Looks the cluster up in {@code namespace}. */
  public static ClusterTarget resolve(KubernetesClient client, String namespace, String name) {
    Cluster cluster = client.resources(Cluster.class).inNamespace(namespace).withName(name).get();
    if (cluster == null) {
      return new ClusterTarget(
          namespace,
          name,
          Optional.empty(),
          Optional.of(ConditionReason.ClusterNotFound),
          "spec.cluster: no Cluster named '" + name + "' in namespace " + namespace,
          Optional.empty());
    }
    String bootstrap = cluster.getStatus() == null ? null : cluster.getStatus().getBootstrap();
    if (bootstrap == null || bootstrap.isBlank()) {
      return new ClusterTarget(
          namespace,
          name,
          Optional.empty(),
          Optional.of(ConditionReason.ClusterNotReady),
          "Cluster '" + name + "' has no bootstrap address yet",
          Optional.of(cluster));
    }
    return new ClusterTarget(
        namespace, name, Optional.of(bootstrap), Optional.empty(), "", Optional.of(cluster));
  }

  /** The Cluster object does not exist (any more): nothing is left to act on in Kafka. */
  public boolean clusterGone() {
    return problem.filter(p -> p == ConditionReason.ClusterNotFound).isPresent();
  }
}
