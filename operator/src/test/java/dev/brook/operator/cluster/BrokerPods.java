package dev.brook.operator.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brook.operator.api.BrokerStatus;
import dev.brook.operator.cluster.model.ClusterNames;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The broker pods of one Cluster and the nodes they run on, as the tests watch them: which were
 * replaced since a moment, how many are unavailable, which zone each runs in; and cordoning nodes.
 */
final class BrokerPods {

  static final String ZONE_KEY = "topology.kubernetes.io/zone";

  private final KubernetesClient client;
  private final String namespace;
  private final String clusterName;

  BrokerPods(KubernetesClient client, String namespace, String clusterName) {
    this.client = client;
    this.namespace = namespace;
    this.clusterName = clusterName;
  }

  List<String> otherNodesOfZone(String node, String zone) {
    return client.nodes().withLabel(ZONE_KEY, zone).list().getItems().stream()
        .map(n -> n.getMetadata().getName())
        .filter(name -> !name.equals(node))
        .toList();
  }

  void cordon(String node, boolean unschedulable) {
    client
        .nodes()
        .withName(node)
        .edit(
            n -> {
              n.getSpec().setUnschedulable(unschedulable);
              return n;
            });
  }

  Map<String, String> zonesOfScheduledNodes(List<BrokerStatus> brokers) {
    Map<String, String> zoneByNode = new HashMap<>();
    for (BrokerStatus broker : brokers) {
      Pod pod = client.pods().inNamespace(namespace).withName(broker.getPod()).get();
      String node = pod.getSpec().getNodeName();
      assertThat(node).isEqualTo(broker.getNode());
      zoneByNode.put(
          node, client.nodes().withName(node).get().getMetadata().getLabels().get(ZONE_KEY));
    }
    return zoneByNode;
  }

  List<Pod> all() {
    return client
        .pods()
        .inNamespace(namespace)
        .withLabel(ClusterNames.INSTANCE_LABEL, clusterName)
        .list()
        .getItems();
  }

  Map<String, String> uids() {
    return all().stream()
        .collect(Collectors.toMap(p -> p.getMetadata().getName(), p -> p.getMetadata().getUid()));
  }

  boolean rolledAll(Map<String, String> uidsBefore) {
    List<Pod> pods = all();
    Set<String> replaced =
        pods.stream()
            .filter(
                p -> !p.getMetadata().getUid().equals(uidsBefore.get(p.getMetadata().getName())))
            .filter(BrokerFleet::isReady)
            .map(p -> p.getMetadata().getName())
            .collect(Collectors.toSet());
    return replaced.equals(uidsBefore.keySet());
  }

  /** Broker pods that are being or have been replaced since {@code uidsBefore}. */
  Set<String> restarted(Map<String, String> uidsBefore) {
    Map<String, Pod> current =
        all().stream().collect(Collectors.toMap(p -> p.getMetadata().getName(), p -> p));
    return uidsBefore.entrySet().stream()
        .filter(
            before -> {
              Pod pod = current.get(before.getKey());
              return pod == null
                  || pod.getMetadata().getDeletionTimestamp() != null
                  || !pod.getMetadata().getUid().equals(before.getValue());
            })
        .map(Map.Entry::getKey)
        .collect(Collectors.toSet());
  }

  /** Of {@code brokers} broker ids, those without a ready, non-terminating pod. */
  int unavailable(int brokers) {
    Set<String> available =
        all().stream()
            .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
            .filter(BrokerFleet::isReady)
            .map(p -> p.getMetadata().getName())
            .collect(Collectors.toSet());
    return brokers - available.size();
  }
}
