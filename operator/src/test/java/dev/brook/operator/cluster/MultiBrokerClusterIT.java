package dev.brook.operator.cluster;

import static dev.brook.operator.testing.KafkaClients.admin;
import static dev.brook.operator.testing.KafkaClients.consumeCount;
import static dev.brook.operator.testing.KafkaClients.produceAcked;
import static dev.brook.operator.testing.KafkaClients.producer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.brook.e2e.junit.WithLocalKubernetes;
import dev.brook.operator.api.BrokerStatus;
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
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A three-broker Cluster on the six simulated nodes (two per zone), run by the Cluster and Topic
 * reconcilers: the brokers are real broker processes that form one controller quorum through the
 * headless Service's per-pod names. The tests share the cluster and run in order, the scale-up
 * last.
 */
@WithLocalKubernetes
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MultiBrokerClusterIT {

  private static final Duration TIMEOUT = Duration.ofMinutes(3);

  /**
   * A restarted broker registers anew and is fenced until it has caught up with the metadata log,
   * so the brokers listed by DescribeCluster settle a few seconds after the pods are ready.
   */
  private static final Duration MEMBERSHIP_SETTLES = Duration.ofSeconds(60);

  private static final String ZONE_KEY = "topology.kubernetes.io/zone";
  private static final String NAME = "trio";

  private static AdminClients admins;
  private static TestOperator operator;
  private static KubernetesClient client;
  private static Cluster cluster;

  @BeforeAll
  static void start(KubernetesClient kubernetes) {
    client = kubernetes;
    admins = new AdminClients();
    operator =
        TestOperator.start(
            client, "trio", List.of(new ClusterReconciler(admins), new TopicReconciler(admins)));
    cluster = client.resource(cluster()).create();
  }

  @AfterAll
  static void stop() {
    operator.close();
    admins.close();
  }

  @Test
  @Order(1)
  void shouldSpreadBrokersOverZonesAndFormOneClusterWhenApplied() throws Exception {
    Cluster ready = awaitReconciled();

    assertThat(ready.getStatus().getObservedGeneration())
        .isEqualTo(ready.getMetadata().getGeneration());
    assertThat(ready.getStatus().getReplicas()).isEqualTo(3);
    Map<String, String> zoneByNode = zonesOfScheduledNodes(ready.getStatus().getBrokers());
    assertThat(new HashSet<>(zoneByNode.values())).hasSize(3);
    for (BrokerStatus broker : ready.getStatus().getBrokers()) {
      assertThat(broker.getRack()).isEqualTo(zoneByNode.get(broker.getNode()));
    }
    try (Admin admin = admin(ready.getStatus().getBootstrap())) {
      // Ready says every broker registered; a broker's metadata view may lag a moment behind.
      await()
          .atMost(MEMBERSHIP_SETTLES)
          .untilAsserted(
              () -> {
                List<Node> nodes =
                    new ArrayList<>(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS));
                assertThat(nodes).extracting(Node::id).containsExactlyInAnyOrder(0, 1, 2);
                assertThat(nodes)
                    .extracting(Node::rack)
                    .containsExactlyInAnyOrderElementsOf(zoneByNode.values());
              });
    }
    produceAcked(ready.getStatus().getBootstrap(), "hello", 100);
    assertThat(consumeCount(ready.getStatus().getBootstrap(), "hello", 100, TIMEOUT))
        .isEqualTo(100);
  }

  @Test
  @Order(2)
  void shouldPlaceReplicasInThreeZonesAndFollowTheTopicResource() throws Exception {
    String bootstrap = awaitReconciled().getStatus().getBootstrap();
    Topic topic = client.resource(topic("orders", 6)).create();

    Topic ready = awaitTopicReady(topic, 6);

    try (Admin admin = admin(bootstrap)) {
      TopicDescription description =
          admin
              .describeTopics(List.of("orders"))
              .allTopicNames()
              .get(30, TimeUnit.SECONDS)
              .get("orders");
      assertThat(description.partitions()).hasSize(6);
      for (TopicPartitionInfo partition : description.partitions()) {
        assertThat(partition.replicas()).extracting(Node::id).doesNotHaveDuplicates().hasSize(3);
        assertThat(partition.replicas().stream().map(Node::rack).collect(Collectors.toSet()))
            .hasSize(3);
      }
    }
    assertThat(ready.getStatus().getPartitions())
        .hasSize(6)
        .allSatisfy(p -> assertThat(p.getReplicas()).hasSize(3))
        .allSatisfy(p -> assertThat(p.getRacks()).hasSize(3));

    Topic grown = client.resource(topic).get();
    grown.getSpec().setPartitions(9);
    client.resource(grown).update();
    awaitTopicReady(topic, 9);

    Topic shrunk = client.resource(topic).get();
    shrunk.getSpec().setPartitions(3);
    assertThatThrownBy(() -> client.resource(shrunk).update())
        .isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining("partitions");

    client.resource(topic).delete();
    try (Admin admin = admin(bootstrap)) {
      await()
          .atMost(TIMEOUT)
          .until(() -> !admin.listTopics().names().get(30, TimeUnit.SECONDS).contains("orders"));
    }
  }

  @Test
  @Order(3)
  void shouldRollBrokersOneAtATimeWhileAcksAllProductionSucceeds() throws Exception {
    Cluster before = awaitReconciled();
    String bootstrap = before.getStatus().getBootstrap();
    Topic topic = client.resource(topic("payments", 3)).create();
    awaitTopicReady(topic, 3);
    Map<String, String> uidsBefore = brokerPodUids();
    int controller;
    try (Admin admin = admin(bootstrap)) {
      controller = admin.describeCluster().controller().get(30, TimeUnit.SECONDS).id();
    }

    AtomicBoolean rolling = new AtomicBoolean(true);
    ConcurrentLinkedQueue<Exception> failures = new ConcurrentLinkedQueue<>();
    AtomicInteger acknowledged = new AtomicInteger();
    Thread producer =
        new Thread(() -> produceUntil(bootstrap, rolling, acknowledged, failures), "roll-producer");
    producer.start();
    Cluster edited = client.resource(before).get();
    edited.getSpec().setConfig(Map.of("min.insync.replicas", "2", "log.retention.hours", "72"));
    client.resource(edited).update();

    int mostUnavailable = 0;
    List<String> restartOrder = new ArrayList<>();
    long deadline = System.nanoTime() + Duration.ofMinutes(6).toNanos();
    while (System.nanoTime() < deadline && !rolledAll(uidsBefore)) {
      mostUnavailable = Math.max(mostUnavailable, unavailableBrokers());
      restarted(uidsBefore).stream()
          .filter(name -> !restartOrder.contains(name))
          .forEach(restartOrder::add);
      Thread.sleep(100);
    }
    Cluster after = awaitReconciled();
    rolling.set(false);
    producer.join(Duration.ofMinutes(3).toMillis());

    assertThat(rolledAll(uidsBefore)).as("every broker pod replaced").isTrue();
    assertThat(mostUnavailable).as("brokers down at once during the roll").isEqualTo(1);
    assertThat(restartOrder)
        .as("restart order; the active controller was broker %d", controller)
        .hasSize(3)
        .endsWith(NAME + "-broker-" + controller);
    assertThat(after.getStatus().getObservedGeneration())
        .isEqualTo(after.getMetadata().getGeneration());
    assertThat(failures).as("acks=all sends that failed").isEmpty();
    assertThat(acknowledged.get()).isGreaterThan(0);
    assertThat(
            consumeCount(after.getStatus().getBootstrap(), "payments", acknowledged.get(), TIMEOUT))
        .isEqualTo(acknowledged.get());
  }

  @Test
  @Order(4)
  void shouldAddBrokerInLeastUsedZoneWhenScaledUp() throws Exception {
    Cluster before = awaitReconciled();
    Map<String, Long> brokersPerZone =
        before.getStatus().getBrokers().stream()
            .collect(Collectors.groupingBy(BrokerStatus::getRack, Collectors.counting()));

    client.resources(Cluster.class).inNamespace(operator.namespace()).withName(NAME).scale(4);

    Cluster scaled = awaitReconciled(4);
    BrokerStatus added = scaled.getStatus().getBrokers().get(3);
    long fewest = brokersPerZone.values().stream().mapToLong(Long::longValue).min().orElseThrow();
    assertThat(brokersPerZone.get(added.getRack())).isEqualTo(fewest);
    assertThat(client.nodes().withName(added.getNode()).get().getMetadata().getLabels())
        .containsEntry(ZONE_KEY, added.getRack());
    assertThat(scaled.getStatus().getReplicas()).isEqualTo(4);
    try (Admin admin = admin(scaled.getStatus().getBootstrap())) {
      await()
          .atMost(MEMBERSHIP_SETTLES)
          .untilAsserted(
              () ->
                  assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS))
                      .extracting(Node::id)
                      .containsExactlyInAnyOrder(0, 1, 2, 3));
    }
  }

  @Test
  @Order(5)
  void shouldRefuseScaleDownInStatusAndKeepEveryBroker() {
    awaitReconciled(4);

    client.resources(Cluster.class).inNamespace(operator.namespace()).withName(NAME).scale(3);

    Cluster refused = ResourceAwaits.readyReason(client, cluster, ConditionReason.ScaleDownRefused);
    assertThat(Conditions.find(refused.getStatus().getConditions(), ConditionType.Ready))
        .hasValueSatisfying(c -> assertThat(c.getMessage()).contains("spec.replicas", "draining"));
    assertThat(refused.getStatus().getReplicas()).isEqualTo(4);
    assertThat(brokerPods()).hasSize(4).allMatch(BrokerFleet::isReady);
  }

  private static Cluster cluster() {
    Cluster cluster = new Cluster();
    cluster.setMetadata(
        new ObjectMetaBuilder().withName(NAME).withNamespace(operator.namespace()).build());
    cluster.setSpec(new ClusterSpec());
    cluster.getSpec().setReplicas(3);
    cluster.getSpec().getControllers().setCount(3);
    cluster.getSpec().getStorage().setSize("1Gi");
    cluster.getSpec().setConfig(Map.of("min.insync.replicas", "2"));
    return cluster;
  }

  private static Topic topic(String name, int partitions) {
    Topic topic = new Topic();
    topic.setMetadata(
        new ObjectMetaBuilder().withName(name).withNamespace(operator.namespace()).build());
    topic.setSpec(new TopicSpec());
    topic.getSpec().setCluster(NAME);
    topic.getSpec().setPartitions(partitions);
    topic.getSpec().setReplicationFactor(3);
    return topic;
  }

  private static Cluster awaitReconciled() {
    return awaitReconciled(3);
  }

  private static Cluster awaitReconciled(int replicas) {
    return ResourceAwaits.clusterReconciled(client, cluster, replicas, TIMEOUT);
  }

  private static Topic awaitTopicReady(Topic topic, int partitions) {
    return await()
        .atMost(TIMEOUT)
        .until(
            () -> client.resource(topic).get(),
            t ->
                t.getStatus() != null
                    && t.getStatus().getPartitions() != null
                    && t.getStatus().getPartitions().size() == partitions
                    && Conditions.isTrue(t.getStatus().getConditions(), ConditionType.Ready));
  }

  private static Map<String, String> zonesOfScheduledNodes(List<BrokerStatus> brokers) {
    Map<String, String> zoneByNode = new HashMap<>();
    for (BrokerStatus broker : brokers) {
      Pod pod = client.pods().inNamespace(operator.namespace()).withName(broker.getPod()).get();
      String node = pod.getSpec().getNodeName();
      assertThat(node).isEqualTo(broker.getNode());
      zoneByNode.put(
          node, client.nodes().withName(node).get().getMetadata().getLabels().get(ZONE_KEY));
    }
    return zoneByNode;
  }

  private static List<Pod> brokerPods() {
    return client
        .pods()
        .inNamespace(operator.namespace())
        .withLabel(ClusterNames.INSTANCE_LABEL, NAME)
        .list()
        .getItems();
  }

  private static Map<String, String> brokerPodUids() {
    return brokerPods().stream()
        .collect(Collectors.toMap(p -> p.getMetadata().getName(), p -> p.getMetadata().getUid()));
  }

  private static boolean rolledAll(Map<String, String> uidsBefore) {
    List<Pod> pods = brokerPods();
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
  private static Set<String> restarted(Map<String, String> uidsBefore) {
    Map<String, Pod> current =
        brokerPods().stream().collect(Collectors.toMap(p -> p.getMetadata().getName(), p -> p));
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

  /** Broker ids without a ready, non-terminating pod. */
  private static int unavailableBrokers() {
    Set<String> available =
        brokerPods().stream()
            .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
            .filter(BrokerFleet::isReady)
            .map(p -> p.getMetadata().getName())
            .collect(Collectors.toSet());
    return 3 - available.size();
  }

  /** Sends a record every 20 ms (at most 30 000) until told to stop, recording every outcome. */
  private static void produceUntil(
      String bootstrap,
      AtomicBoolean running,
      AtomicInteger acknowledged,
      ConcurrentLinkedQueue<Exception> failures) {
    try (KafkaProducer<String, String> producer = producer(bootstrap)) {
      for (int i = 0; i < 30_000 && running.get(); i++) {
        producer.send(
            new ProducerRecord<>("payments", "k" + (i % 31), "v" + i),
            (metadata, error) -> {
              if (error != null) {
                failures.add(error);
              } else {
                acknowledged.incrementAndGet();
              }
            });
        Thread.sleep(20);
      }
      producer.flush();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
