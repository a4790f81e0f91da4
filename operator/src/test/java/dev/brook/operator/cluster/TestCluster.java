package dev.brook.operator.cluster;

import static org.awaitility.Awaitility.await;

import dev.brook.operator.api.Cluster;
import dev.brook.operator.api.ClusterSpec;
import dev.brook.operator.api.ConditionType;
import dev.brook.operator.api.Conditions;
import dev.brook.operator.api.Topic;
import dev.brook.operator.api.TopicSpec;
import dev.brook.operator.kafka.AdminClients;
import dev.brook.operator.testing.ResourceAwaits;
import dev.brook.operator.testing.TestOperator;
import dev.brook.operator.topic.TopicReconciler;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A three-broker Cluster run by the Cluster and Topic reconcilers in a namespace of its own, shared
 * by the tests of one class: its resource, its broker pods, the Topics made for it, the waits on
 * what the operator reports, and operator restarts.
 */
final class TestCluster implements AutoCloseable {

  static final Duration TIMEOUT = Duration.ofMinutes(3);

  private final KubernetesClient client;
  private final String name;
  private final Cluster cluster;
  private final BrokerPods pods;
  private AdminClients admins;
  private TestOperator operator;

  /** Far above what the tests copy: moves are throttled, not slowed. */
  static final long THROTTLE_BYTES_PER_SECOND = 20_000_000;

  private TestCluster(KubernetesClient client, String name, Consumer<ClusterSpec> tune) {
    this.client = client;
    this.name = name;
    this.admins = new AdminClients();
    this.operator = TestOperator.start(client, name, reconcilers());
    Cluster resource = clusterResource();
    tune.accept(resource.getSpec());
    this.cluster = client.resource(resource).create();
    this.pods = new BrokerPods(client, operator.namespace(), name);
  }

  /** Creates the Cluster: 3 brokers and voters, min.insync.replicas 2, a 30 s grace period. */
  static TestCluster start(KubernetesClient client, String name) {
    return new TestCluster(client, name, spec -> {});
  }

  /** The same Cluster with {@code tune} applied to its spec before it is created. */
  static TestCluster start(KubernetesClient client, String name, Consumer<ClusterSpec> tune) {
    return new TestCluster(client, name, tune);
  }

  String name() {
    return name;
  }

  String namespace() {
    return operator.namespace();
  }

  Cluster resource() {
    return cluster;
  }

  BrokerPods pods() {
    return pods;
  }

  /** A new operator process as far as Brook can tell: fresh reconcilers and Kafka clients. */
  void restartOperator() {
    admins.close();
    admins = new AdminClients();
    operator = operator.restart(client, reconcilers());
  }

  void scale(int replicas) {
    client.resources(Cluster.class).inNamespace(namespace()).withName(name).scale(replicas);
  }

  Cluster awaitReconciled(int replicas) {
    return ResourceAwaits.clusterReconciled(client, cluster, replicas, TIMEOUT);
  }

  /** A Topic of this Cluster, not created yet. */
  Topic topic(String topicName, int partitions, int replicationFactor) {
    Topic topic = new Topic();
    topic.setMetadata(
        new ObjectMetaBuilder().withName(topicName).withNamespace(namespace()).build());
    topic.setSpec(new TopicSpec());
    topic.getSpec().setCluster(name);
    topic.getSpec().setPartitions(partitions);
    topic.getSpec().setReplicationFactor(replicationFactor);
    return topic;
  }

  Topic awaitTopicReady(Topic topic, int partitions) {
    return awaitTopic(
        topic,
        t ->
            t.getStatus().getPartitions() != null
                && t.getStatus().getPartitions().size() == partitions);
  }

  /** The Topic once its status is Ready and {@code matches}. */
  Topic awaitTopic(Topic topic, Predicate<Topic> matches) {
    return await()
        .atMost(TIMEOUT)
        .until(
            () -> client.resource(topic).get(),
            t ->
                t.getStatus() != null
                    && Conditions.isTrue(t.getStatus().getConditions(), ConditionType.Ready)
                    && matches.test(t));
  }

  private List<Reconciler<?>> reconcilers() {
    return List.of(new ClusterReconciler(admins), new TopicReconciler(admins));
  }

  private Cluster clusterResource() {
    Cluster resource = new Cluster();
    resource.setMetadata(
        new ObjectMetaBuilder().withName(name).withNamespace(operator.namespace()).build());
    resource.setSpec(new ClusterSpec());
    resource.getSpec().setReplicas(3);
    resource.getSpec().getControllers().setCount(3);
    resource.getSpec().getStorage().setSize("1Gi");
    resource.getSpec().setConfig(Map.of("min.insync.replicas", "2"));
    resource.getSpec().getHealing().setGracePeriod("30s");
    resource.getSpec().getHealing().setMaxConcurrentMoves(4);
    resource.getSpec().getHealing().setThrottleBytesPerSecond(THROTTLE_BYTES_PER_SECOND);
    return resource;
  }

  @Override
  public void close() {
    operator.close();
    admins.close();
  }
}
