package dev.brook.operator.cluster;

import static dev.brook.operator.testing.TestOperator.TIMEOUT;
import static org.awaitility.Awaitility.await;

import dev.brook.operator.api.Cluster;
import dev.brook.operator.api.ClusterSpec;
import dev.brook.operator.api.ConditionReason;
import dev.brook.operator.api.ConditionType;
import dev.brook.operator.api.Conditions;
import dev.brook.operator.api.Topic;
import dev.brook.operator.api.TopicSpec;
import dev.brook.operator.cluster.model.ClusterNames;
import dev.brook.operator.kafka.AdminClients;
import dev.brook.operator.testing.ResourceAwaits;
import dev.brook.operator.testing.TestOperator;
import dev.brook.operator.topic.TopicReconciler;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one-broker Clusters and Topics the single-broker reconciler tests create in their namespace,
 * and the waits on what the operator does with them.
 */
final class SingleBrokerClusters implements AutoCloseable {

  private final KubernetesClient client;
  private final AdminClients admins;
  private final TestOperator operator;
  private final String namespace;

  private SingleBrokerClusters(
      KubernetesClient client, AdminClients admins, TestOperator operator) {
    this.client = client;
    this.admins = admins;
    this.operator = operator;
    this.namespace = operator.namespace();
  }

  /** Starts the Cluster and Topic reconcilers on a fresh namespace {@code prefix-<n>}. */
  static SingleBrokerClusters start(KubernetesClient client, String prefix) {
    AdminClients admins = new AdminClients();
    TestOperator operator =
        TestOperator.start(
            client, prefix, List.of(new ClusterReconciler(admins), new TopicReconciler(admins)));
    return new SingleBrokerClusters(client, admins, operator);
  }

  String namespace() {
    return namespace;
  }

  @Override
  public void close() {
    operator.close();
    admins.close();
  }

  void editConfig(String name, Map<String, String> config) {
    edit(
        name,
        c -> {
          c.getSpec().setConfig(config);
          return c;
        });
  }

  /** Applies {@code change} to the Cluster {@code name} as it is now. */
  Cluster edit(String name, java.util.function.UnaryOperator<Cluster> change) {
    return client.resources(Cluster.class).inNamespace(namespace).withName(name).edit(change);
  }

  /** Waits until {@code before}'s pod was re-created (a roll) and is Ready again. */
  Pod awaitReplacedAndReady(Pod before) {
    return await()
        .atMost(TIMEOUT)
        .until(
            () -> pod(before.getMetadata().getName()),
            pod ->
                pod != null
                    && !pod.getMetadata().getUid().equals(before.getMetadata().getUid())
                    && BrokerFleet.isReady(pod));
  }

  /** The pod of that name in this namespace, or null. */
  Pod pod(String name) {
    return client.pods().inNamespace(namespace).withName(name).get();
  }

  Map<String, String> configMapData(Cluster cluster) {
    return client
        .configMaps()
        .inNamespace(namespace)
        .withName(ClusterNames.configMap(cluster))
        .get()
        .getData();
  }

  /** The Event of {@code reason} about {@code about}, once the operator has published it. */
  Event awaitEvent(Cluster about, String reason) {
    return await()
        .atMost(TIMEOUT)
        .until(
            () -> events(about).stream().filter(e -> reason.equals(e.getReason())).findFirst(),
            Optional::isPresent)
        .get();
  }

  List<Event> events(Cluster about) {
    return client.v1().events().inNamespace(namespace).list().getItems().stream()
        .filter(e -> about.getMetadata().getUid().equals(e.getInvolvedObject().getUid()))
        .toList();
  }

  Cluster cluster(String name) {
    return oneBroker(namespace, name);
  }

  /** A one-broker, one-voter Cluster with a 1Gi claim, not created yet. */
  static Cluster oneBroker(String namespace, String name) {
    Cluster cluster = new Cluster();
    cluster.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
    cluster.setSpec(new ClusterSpec());
    cluster.getSpec().setReplicas(1);
    cluster.getSpec().getControllers().setCount(1);
    cluster.getSpec().getStorage().setSize("1Gi");
    return cluster;
  }

  Topic topic(String name, String cluster) {
    Topic topic = new Topic();
    topic.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
    topic.setSpec(new TopicSpec());
    topic.getSpec().setCluster(cluster);
    topic.getSpec().setPartitions(2);
    topic.getSpec().setReplicationFactor(1);
    return topic;
  }

  Cluster awaitReason(Cluster cluster, ConditionReason reason) {
    return ResourceAwaits.readyReason(client, cluster, reason);
  }

  void awaitTopicReady(Topic topic) {
    await()
        .atMost(TIMEOUT)
        .until(
            () -> client.resource(topic).get(),
            t ->
                t.getStatus() != null
                    && Conditions.isTrue(t.getStatus().getConditions(), ConditionType.Ready));
  }
}
