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
import dev.brook.operator.api.Topic;
import dev.brook.operator.testing.ProductionRun;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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
 * headless Service's per-pod names. The tests share the cluster and run in order: create, topics, a
 * roll, a Topic's replication factor changed. Healing and scaling are {@link
 * ClusterElasticityIT}'s.
 */
@WithLocalKubernetes
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MultiBrokerClusterIT {

  /**
   * A restarted broker registers anew and is fenced until it has caught up with the metadata log,
   * so the brokers listed by DescribeCluster settle a few seconds after the pods are ready.
   */
  private static final Duration MEMBERSHIP_SETTLES = Duration.ofSeconds(60);

  private static KubernetesClient client;
  private static TestCluster trio;

  @BeforeAll
  static void start(KubernetesClient kubernetes) {
    client = kubernetes;
    trio = TestCluster.start(client, "trio");
  }

  @AfterAll
  static void stop() {
    trio.close();
  }

  @Test
  @Order(1)
  void shouldSpreadBrokersOverZonesAndFormOneClusterWhenApplied() throws Exception {
    Cluster ready = trio.awaitReconciled(3);

    assertThat(ready.getStatus().getObservedGeneration())
        .isEqualTo(ready.getMetadata().getGeneration());
    assertThat(ready.getStatus().getReplicas()).isEqualTo(3);
    Map<String, String> zoneByNode =
        trio.pods().zonesOfScheduledNodes(ready.getStatus().getBrokers());
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
    assertThat(consumeCount(ready.getStatus().getBootstrap(), "hello", 100, TestCluster.TIMEOUT))
        .isEqualTo(100);
  }

  @Test
  @Order(2)
  void shouldPlaceReplicasInThreeZonesAndFollowTheTopicResource() throws Exception {
    String bootstrap = trio.awaitReconciled(3).getStatus().getBootstrap();
    Topic topic = client.resource(trio.topic("orders", 6, 3)).create();

    Topic ready = trio.awaitTopicReady(topic, 6);

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
    trio.awaitTopicReady(topic, 9);

    Topic shrunk = client.resource(topic).get();
    shrunk.getSpec().setPartitions(3);
    assertThatThrownBy(() -> client.resource(shrunk).update())
        .isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining("partitions");

    client.resource(topic).delete();
    try (Admin admin = admin(bootstrap)) {
      await()
          .atMost(TestCluster.TIMEOUT)
          .until(() -> !admin.listTopics().names().get(30, TimeUnit.SECONDS).contains("orders"));
    }
  }

  @Test
  @Order(3)
  void shouldRollBrokersOneAtATimeWhileAcksAllProductionSucceeds() throws Exception {
    Cluster before = trio.awaitReconciled(3);
    String bootstrap = before.getStatus().getBootstrap();
    Topic topic = client.resource(trio.topic("payments", 3, 3)).create();
    trio.awaitTopicReady(topic, 3);
    Map<String, String> uidsBefore = trio.pods().uids();
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
    edited.getSpec().setConfig(Map.of("min.insync.replicas", "2", "num.io.threads", "6"));
    client.resource(edited).update();

    int mostUnavailable = 0;
    List<String> restartOrder = new ArrayList<>();
    long deadline = System.nanoTime() + Duration.ofMinutes(6).toNanos();
    List<String> movesDuringRoll = new ArrayList<>();
    while (System.nanoTime() < deadline && !trio.pods().rolledAll(uidsBefore)) {
      mostUnavailable = Math.max(mostUnavailable, trio.pods().unavailable(3));
      Optional.ofNullable(client.resource(trio.resource()).get().getStatus().getPartitionMoves())
          .ifPresent(moves -> movesDuringRoll.add(moves.getOperation() + moves.getMoving()));
      trio.pods().restarted(uidsBefore).stream()
          .filter(name -> !restartOrder.contains(name))
          .forEach(restartOrder::add);
      Thread.sleep(100);
    }
    Cluster after = trio.awaitReconciled(3);
    rolling.set(false);
    producer.join(Duration.ofMinutes(3).toMillis());

    assertThat(trio.pods().rolledAll(uidsBefore)).as("every broker pod replaced").isTrue();
    assertThat(mostUnavailable).as("brokers down at once during the roll").isEqualTo(1);
    assertThat(movesDuringRoll)
        .as("partition moves while restarted brokers came back within the grace period")
        .isEmpty();
    assertThat(restartOrder)
        .as("restart order; the active controller was broker %d", controller)
        .hasSize(3)
        .endsWith(trio.name() + "-broker-" + controller);
    assertThat(after.getStatus().getObservedGeneration())
        .isEqualTo(after.getMetadata().getGeneration());
    assertThat(failures).as("acks=all sends that failed").isEmpty();
    assertThat(acknowledged.get()).isGreaterThan(0);
    assertThat(
            consumeCount(
                after.getStatus().getBootstrap(),
                "payments",
                acknowledged.get(),
                TestCluster.TIMEOUT))
        .isEqualTo(acknowledged.get());
  }

  /**
   * A Topic's replication factor raised 1 → 3 and lowered 3 → 2 by editing the resource, under
   * production: each partition ends with the new factor across as many racks, nothing acknowledged
   * is lost.
   */
  @Test
  @Order(4)
  void shouldChangeATopicsReplicationFactorByReassignmentWhenItsResourceIsEdited()
      throws Exception {
    String bootstrap = trio.awaitReconciled(3).getStatus().getBootstrap();
    Topic single = trio.topic("replicated", 6, 1);
    // The cluster asks for two in-sync replicas; a single replica could never take acks=all.
    single.getSpec().setConfig(Map.of("min.insync.replicas", "1"));
    Topic topic = client.resource(single).create();
    awaitReplicationFactor(topic, 1);
    try (ProductionRun production = ProductionRun.start(bootstrap, "replicated", 20);
        Admin admin = admin(bootstrap)) {
      Thread.sleep(1000);
      editReplicationFactor(topic, 3);
      Topic raised = awaitReplicationFactor(topic, 3);
      assertThat(raised.getStatus().getPartitions())
          .allSatisfy(p -> assertThat(p.getRacks()).hasSize(3))
          .allSatisfy(p -> assertThat(p.getIsr()).hasSize(3));
      assertThat(raised.getStatus().getPartitionMoves()).isNull();

      editReplicationFactor(topic, 2);
      Topic lowered = awaitReplicationFactor(topic, 2);
      assertThat(lowered.getStatus().getPartitions())
          .allSatisfy(p -> assertThat(p.getRacks()).hasSize(2));
      TopicDescription description =
          admin
              .describeTopics(List.of("replicated"))
              .allTopicNames()
              .get(30, TimeUnit.SECONDS)
              .get("replicated");
      assertThat(description.partitions())
          .allSatisfy(p -> assertThat(p.replicas()).hasSize(2).doesNotHaveDuplicates());
      production.assertIntact(TestCluster.TIMEOUT);
    }
  }

  private static void editReplicationFactor(Topic topic, int replicationFactor) {
    client
        .resources(Topic.class)
        .inNamespace(topic.getMetadata().getNamespace())
        .withName(topic.getMetadata().getName())
        .edit(
            t -> {
              t.getSpec().setReplicationFactor(replicationFactor);
              return t;
            });
  }

  /** The Topic once its status describes its current generation, is Ready and matches. */
  private static Topic awaitReplicationFactor(Topic topic, int replicationFactor) {
    return trio.awaitTopic(
        topic,
        t ->
            Objects.equals(t.getStatus().getObservedGeneration(), t.getMetadata().getGeneration())
                && !t.getStatus().getPartitions().isEmpty()
                && t.getStatus().getPartitions().stream()
                    .allMatch(p -> p.getReplicas().size() == replicationFactor));
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
