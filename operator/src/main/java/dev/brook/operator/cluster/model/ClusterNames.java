package dev.brook.operator.cluster.model;

import dev.brook.operator.api.Cluster;
import java.util.Map;
import java.util.TreeMap;

/**
 * Names and recommended labels of everything a Cluster owns. Every owned object carries {@link
 * #labels}, so {@code kubectl get all -l app.kubernetes.io/instance=<cluster>} finds them.
 */
public final class ClusterNames {

  public static final String NAME_LABEL = "app.kubernetes.io/name";
  public static final String INSTANCE_LABEL = "app.kubernetes.io/instance";
  public static final String COMPONENT_LABEL = "app.kubernetes.io/component";
  public static final String PART_OF_LABEL = "app.kubernetes.io/part-of";
  public static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
  public static final String BROKER_ID_LABEL = "brook.dev/broker-id";
  public static final String CONTROLLER_ID_LABEL = "brook.dev/controller-id";
  public static final String RACK_LABEL = "brook.dev/rack";

  /** Hash of the desired pod; a pod whose hash differs is rolled. */
  public static final String POD_HASH_ANNOTATION = "brook.dev/pod-hash";

  /**
   * On a Cluster: a new value (any, e.g. a timestamp) restarts every broker, one at a time, as
   * {@code kubectl rollout restart} does for a Deployment. Copied onto the pods and into their
   * hash.
   */
  public static final String RESTART_ANNOTATION = "brook.dev/restart";

  /** On a broker pod: {@code "true"} restarts that broker (Strimzi's manual-rolling-update). */
  public static final String MANUAL_ROLLING_UPDATE_ANNOTATION = "brook.dev/manual-rolling-update";

  public static final String MANAGED_BY = "brook-operator";
  public static final String COMPONENT_BROKER = "broker";
  public static final String COMPONENT_CONTROLLER = "controller";

  private ClusterNames() {}

  public static Map<String, String> labels(Cluster cluster) {
    Map<String, String> labels = new TreeMap<>();
    labels.put(NAME_LABEL, "brook");
    labels.put(INSTANCE_LABEL, cluster.getMetadata().getName());
    labels.put(COMPONENT_LABEL, COMPONENT_BROKER);
    labels.put(PART_OF_LABEL, "brook");
    labels.put(MANAGED_BY_LABEL, MANAGED_BY);
    return labels;
  }

  /**
   * The labels of a dedicated controller pod's objects: {@link #labels} as component controller.
   */
  public static Map<String, String> controllerLabels(Cluster cluster) {
    Map<String, String> labels = labels(cluster);
    labels.put(COMPONENT_LABEL, COMPONENT_CONTROLLER);
    return labels;
  }

  /**
   * The labels that select every pod of this cluster, brokers and dedicated controllers: the
   * headless Service that gives each its DNS name, and the disruption budget.
   */
  public static Map<String, String> podSelector(Cluster cluster) {
    return new TreeMap<>(Map.of(INSTANCE_LABEL, cluster.getMetadata().getName()));
  }

  /** The labels that select this cluster's dedicated controller pods. */
  public static Map<String, String> controllerSelector(Cluster cluster) {
    return new TreeMap<>(
        Map.of(
            INSTANCE_LABEL,
            cluster.getMetadata().getName(),
            COMPONENT_LABEL,
            COMPONENT_CONTROLLER));
  }

  /** The labels that select this cluster's broker pods (bootstrap Service, scale subresource). */
  public static Map<String, String> brokerSelector(Cluster cluster) {
    return new TreeMap<>(
        Map.of(INSTANCE_LABEL, cluster.getMetadata().getName(), COMPONENT_LABEL, COMPONENT_BROKER));
  }

  public static String selectorString(Cluster cluster) {
    return INSTANCE_LABEL
        + "="
        + cluster.getMetadata().getName()
        + ","
        + COMPONENT_LABEL
        + "="
        + COMPONENT_BROKER;
  }

  public static String configMap(Cluster cluster) {
    return cluster.getMetadata().getName() + "-config";
  }

  public static String headlessService(Cluster cluster) {
    return cluster.getMetadata().getName() + "-brokers";
  }

  public static String bootstrapService(Cluster cluster) {
    return cluster.getMetadata().getName() + "-bootstrap";
  }

  public static String podDisruptionBudget(Cluster cluster) {
    return cluster.getMetadata().getName() + "-brokers";
  }

  public static String brokerPod(Cluster cluster, int brokerId) {
    return cluster.getMetadata().getName() + "-broker-" + brokerId;
  }

  public static String dataClaim(Cluster cluster, int brokerId) {
    return "data-" + brokerPod(cluster, brokerId);
  }

  public static String controllerPod(Cluster cluster, int nodeId) {
    return cluster.getMetadata().getName() + "-controller-" + nodeId;
  }

  public static String controllerClaim(Cluster cluster, int nodeId) {
    return "data-" + controllerPod(cluster, nodeId);
  }

  /** Stable DNS name of a dedicated controller pod through the headless service. */
  public static String controllerHost(Cluster cluster, int nodeId) {
    return podHost(cluster, controllerPod(cluster, nodeId));
  }

  /** Stable DNS name of a broker pod through the headless service. */
  public static String brokerHost(Cluster cluster, int brokerId) {
    return podHost(cluster, brokerPod(cluster, brokerId));
  }

  private static String podHost(Cluster cluster, String pod) {
    return pod
        + "."
        + headlessService(cluster)
        + "."
        + cluster.getMetadata().getNamespace()
        + ".svc";
  }
}
