package dev.brook.operator.cluster.model;

import dev.brook.operator.api.Cluster;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * What a pod of a Cluster is: a broker (a voter too in combined mode) or a dedicated controller.
 */
enum NodeRole {
  BROKER(
      ClusterNames::brokerPod,
      ClusterNames::dataClaim,
      ClusterNames.BROKER_ID_LABEL,
      ClusterNames::labels,
      ClusterNames::brokerSelector),
  CONTROLLER(
      ClusterNames::controllerPod,
      ClusterNames::controllerClaim,
      ClusterNames.CONTROLLER_ID_LABEL,
      ClusterNames::controllerLabels,
      ClusterNames::controllerSelector);

  private final BiFunction<Cluster, Integer, String> podName;
  private final BiFunction<Cluster, Integer, String> claimName;
  private final String idLabel;
  private final Function<Cluster, Map<String, String>> labels;
  private final Function<Cluster, Map<String, String>> peers;

  NodeRole(
      BiFunction<Cluster, Integer, String> podName,
      BiFunction<Cluster, Integer, String> claimName,
      String idLabel,
      Function<Cluster, Map<String, String>> labels,
      Function<Cluster, Map<String, String>> peers) {
    this.podName = podName;
    this.claimName = claimName;
    this.idLabel = idLabel;
    this.labels = labels;
    this.peers = peers;
  }

  String podName(Cluster cluster, int nodeId) {
    return podName.apply(cluster, nodeId);
  }

  String claimName(Cluster cluster, int nodeId) {
    return claimName.apply(cluster, nodeId);
  }

  String idLabel() {
    return idLabel;
  }

  Map<String, String> labels(Cluster cluster) {
    return labels.apply(cluster);
  }

  /** The pods this one keeps off its node. */
  Map<String, String> selector(Cluster cluster) {
    return peers.apply(cluster);
  }
}
