package dev.brook.operator.cluster;

import static dev.brook.operator.testing.KafkaClients.admin;
import static dev.brook.operator.testing.KafkaClients.consumeCount;
import static dev.brook.operator.testing.KafkaClients.produceAcked;
import static dev.brook.operator.testing.KafkaClients.producer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.brook.e2e.junit.WithLocalKubernetes;
import dev.brook.e2e.nodeagent.NodeAgent;
import dev.brook.operator.api.BrokerStatus;
import dev.brook.operator.api.Cluster;
import dev.brook.operator.api.ClusterSpec;
import dev.brook.operator.api.ConditionReason;
import dev.brook.operator.api.ConditionType;
import dev.brook.operator.api.Conditions;
import dev.brook.operator.api.PartitionMovesStatus;
import dev.brook.operator.api.Topic;
import dev.brook.operator.api.TopicSpec;
import dev.brook.operator.cluster.model.ClusterNames;
import dev.brook.operator.kafka.AdminClients;
import dev.brook.operator.testing.ProductionRun;
import dev.brook.operator.testing.ResourceAwaits;
import dev.brook.operator.testing.TestOperator;
import dev.brook.operator.topic.TopicReconciler;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;
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
 * roll, scale-up with rebalance, the loss and return of a broker's node, scale-down with drain.
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
    operator = TestOperator.start(client, "trio", reconcilers());
    cluster = client.resource(cluster()).create();
  }

  private static List<Reconciler<?>> reconcilers() {
    return List.of(new ClusterReconciler(admins), new TopicReconciler(admins));
  }

  /** A new operator process as far as Brook can tell: fresh reconcilers and Kafka clients. */
  private static void restartOperator() {
    admins.close();
    admins = new AdminClients();
    operator = operator.restart(client, reconcilers());
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
    List<String> movesDuringRoll = new ArrayList<>();
    while (System.nanoTime() < deadline && !rolledAll(uidsBefore)) {
      mostUnavailable = Math.max(mostUnavailable, unavailableBrokers());
      Optional.ofNullable(client.resource(cluster).get().getStatus().getPartitionMoves())
          .ifPresent(moves -> movesDuringRoll.add(moves.getOperation() + moves.getMoving()));
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
    assertThat(movesDuringRoll)
        .as("partition moves while restarted brokers came back within the grace period")
        .isEmpty();
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
  void shouldAddBrokerInLeastUsedZoneAndRebalanceOntoItWhenScaledUp() throws Exception {
    Cluster before = awaitReconciled();
    Map<String, Long> brokersPerZone =
        before.getStatus().getBrokers().stream()
            .collect(Collectors.groupingBy(BrokerStatus::getRack, Collectors.counting()));
    Topic spread = client.resource(topic("spread", 8, 2)).create();
    awaitTopicReady(spread, 8);

    Cluster scaled;
    try (ProductionRun production =
        ProductionRun.start(before.getStatus().getBootstrap(), "payments", 20)) {
      client.resources(Cluster.class).inNamespace(operator.namespace()).withName(NAME).scale(4);
      scaled = awaitReconciled(4);
      assertProductionIntact(production);
    }

    BrokerStatus added = scaled.getStatus().getBrokers().get(3);
    long fewest = brokersPerZone.values().stream().mapToLong(Long::longValue).min().orElseThrow();
    assertThat(brokersPerZone.get(added.getRack())).isEqualTo(fewest);
    assertThat(client.nodes().withName(added.getNode()).get().getMetadata().getLabels())
        .containsEntry(ZONE_KEY, added.getRack());
    assertThat(scaled.getStatus().getReplicas()).isEqualTo(4);
    assertThat(scaled.getStatus().getPartitionMoves()).isNull();
    try (Admin admin = admin(scaled.getStatus().getBootstrap())) {
      assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS))
          .extracting(Node::id)
          .containsExactlyInAnyOrder(0, 1, 2, 3);
      Map<Integer, Integer> replicas = replicasPerBroker(admin);
      assertThat(replicas.get(3)).as("replicas moved onto the new broker").isPositive();
      assertEvenWithinRacks(admin, replicas, "replicas per broker");
      assertWithinBound(preferredLeadersPerBroker(admin), "preferred leaders per broker");
    }
  }

  /**
   * The node of broker 3 stops: once the broker is lost (node not ready, fenced, grace over), its
   * pod is force-deleted and re-created in its zone, whose other node is cordoned so the broker
   * stays away; its replicas move to the live brokers and every partition is back at full
   * replication while production goes on, although the operator is restarted in the middle of the
   * heal. When the node returns, the broker comes back in its zone and the cluster is rebalanced
   * onto it again.
   */
  @Test
  @Order(5)
  void shouldRestoreReplicationWhenABrokersNodeIsLostAndRebalanceWhenItReturns(NodeAgent agent)
      throws Exception {
    Cluster before = awaitReconciled(4);
    String bootstrap = before.getStatus().getBootstrap();
    BrokerStatus victim = before.getStatus().getBrokers().get(3);
    String node = victim.getNode();
    long lossToFullReplication;
    try (ProductionRun production = ProductionRun.start(bootstrap, "payments", 20);
        Admin admin = admin(bootstrap)) {
      List<String> zoneMates = otherNodesOfZone(node, victim.getRack());
      zoneMates.forEach(name -> cordon(name, true));
      long stoppedAt = System.nanoTime();
      agent.stopNode(node);
      try {
        Cluster lost =
            await()
                .atMost(TIMEOUT)
                .until(
                    () -> client.resource(cluster).get(),
                    c ->
                        c.getStatus().getBrokers().size() > 3
                            && c.getStatus().getBrokers().get(3).isLost());
        assertThat(lost.getStatus().getBrokers().get(3).getUnavailableReason())
            .contains("not ready");
        assertThat(Conditions.find(lost.getStatus().getConditions(), ConditionType.Degraded))
            .hasValueSatisfying(
                c -> {
                  assertThat(c.getStatus()).isEqualTo("True");
                  assertThat(c.getReason()).isEqualTo(ConditionReason.BrokerLost.name());
                });
        PartitionMovesStatus healing =
            await()
                .atMost(TIMEOUT)
                .until(
                    () -> client.resource(cluster).get().getStatus().getPartitionMoves(),
                    moves ->
                        moves != null
                            && PartitionOperations.HEAL.equals(moves.getOperation())
                            && moves.getPartitionsDone() > 0);
        restartOperator();
        await()
            .atMost(TIMEOUT)
            .pollInterval(Duration.ofMillis(500))
            .untilAsserted(() -> assertFullyReplicatedWithout(admin, 3));
        System.out.printf(
            "operator restarted with the heal at %d of %d partitions%n",
            healing.getPartitionsDone(), healing.getPartitionsTotal());
        lossToFullReplication = Duration.ofNanos(System.nanoTime() - stoppedAt).toSeconds();
        System.out.printf(
            "node %s of broker 3 stopped: every partition back at full replication on live"
                + " brokers after %d s%n",
            node, lossToFullReplication);
      } finally {
        agent.restartNode(node);
        zoneMates.forEach(name -> cordon(name, false));
      }
      Cluster back = awaitReconciled(4);
      assertThat(back.getStatus().getBrokers().get(3).getRack()).isEqualTo(victim.getRack());
      assertThat(back.getStatus().getBrokers().get(3).isLost()).isFalse();
      assertThat(Conditions.isTrue(back.getStatus().getConditions(), ConditionType.Degraded))
          .isFalse();
      Map<Integer, Integer> replicas = replicasPerBroker(admin);
      assertThat(replicas.get(3)).as("replicas moved back onto broker 3").isPositive();
      assertEvenWithinRacks(admin, replicas, "replicas per broker after the return");
      assertProductionIntact(production);
    }
  }

  /**
   * 4 → 3: broker 3 is drained while production goes on, no partition is ever without a leader, and
   * its pod is deleted only once it holds no replica.
   */
  @Test
  @Order(6)
  void shouldDrainTheLeavingBrokerBeforeDeletingItsPodWhenScaledDown() throws Exception {
    Cluster before = awaitReconciled(4);
    String bootstrap = before.getStatus().getBootstrap();
    List<String> offlineSamples = new ArrayList<>();
    List<String> podGoneWhileHolding = new ArrayList<>();
    try (ProductionRun production = ProductionRun.start(bootstrap, "payments", 20);
        Admin admin = admin(bootstrap)) {
      client.resources(Cluster.class).inNamespace(operator.namespace()).withName(NAME).scale(3);
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      boolean podGone = false;
      while (System.nanoTime() < deadline && !podGone) {
        Map<String, TopicDescription> topics = describeAll(admin);
        topics.values().stream()
            .flatMap(t -> t.partitions().stream().map(p -> Map.entry(t.name(), p)))
            .filter(e -> e.getValue().leader() == null || e.getValue().leader().isEmpty())
            .forEach(e -> offlineSamples.add(e.getKey() + "-" + e.getValue().partition()));
        podGone =
            client.pods().inNamespace(operator.namespace()).withName(NAME + "-broker-3").get()
                == null;
        if (podGone && replicasPerBroker(admin).getOrDefault(3, 0) > 0) {
          podGoneWhileHolding.add("broker-3 pod deleted while it held replicas");
        }
        Thread.sleep(200);
      }
      assertThat(podGone).as("broker 3's pod deleted after the drain").isTrue();
      Cluster after = awaitReconciled(3);
      assertThat(after.getStatus().getBrokers()).hasSize(3);
      assertThat(replicasPerBroker(admin).keySet()).containsExactlyInAnyOrder(0, 1, 2);
      assertFullyReplicatedWithout(admin, 3);
      assertProductionIntact(production);
    }
    assertThat(offlineSamples).as("partitions without a leader during the drain").isEmpty();
    assertThat(podGoneWhileHolding).isEmpty();
  }

  private static List<String> otherNodesOfZone(String node, String zone) {
    return client.nodes().withLabel(ZONE_KEY, zone).list().getItems().stream()
        .map(n -> n.getMetadata().getName())
        .filter(name -> !name.equals(node))
        .toList();
  }

  private static void cordon(String node, boolean unschedulable) {
    client
        .nodes()
        .withName(node)
        .edit(
            n -> {
              n.getSpec().setUnschedulable(unschedulable);
              return n;
            });
  }

  /**
   * A Topic's replication factor raised 1 → 3 and lowered 3 → 2 by editing the resource, under
   * production: each partition ends with the new factor across as many racks, nothing acknowledged
   * is lost.
   */
  @Test
  @Order(7)
  void shouldChangeATopicsReplicationFactorByReassignmentWhenItsResourceIsEdited()
      throws Exception {
    String bootstrap = awaitReconciled().getStatus().getBootstrap();
    Topic single = topic("replicated", 6, 1);
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
      assertProductionIntact(production);
    }
  }

  /** Stops production; every acknowledged record is read back exactly once, in order per key. */
  private static void assertProductionIntact(ProductionRun production) throws Exception {
    production.close();
    assertThat(production.failures()).as("acks=all sends that failed").isEmpty();
    ProductionRun.ReadBack readBack = production.readBack(TIMEOUT);
    assertThat(readBack.acknowledged()).isPositive();
    assertThat(readBack.lost()).as("acknowledged records lost").isZero();
    assertThat(readBack.duplicated()).as("records duplicated").isZero();
    assertThat(readBack.outOfOrder()).as("records out of order per key").isZero();
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

  private static Topic awaitReplicationFactor(Topic topic, int replicationFactor) {
    return await()
        .atMost(TIMEOUT)
        .until(
            () -> client.resource(topic).get(),
            t ->
                t.getStatus() != null
                    && Objects.equals(
                        t.getStatus().getObservedGeneration(), t.getMetadata().getGeneration())
                    && Conditions.isTrue(t.getStatus().getConditions(), ConditionType.Ready)
                    && !t.getStatus().getPartitions().isEmpty()
                    && t.getStatus().getPartitions().stream()
                        .allMatch(p -> p.getReplicas().size() == replicationFactor));
  }

  private static Map<String, TopicDescription> describeAll(Admin admin) throws Exception {
    Set<String> names =
        admin
            .listTopics(new ListTopicsOptions().listInternal(true))
            .names()
            .get(30, TimeUnit.SECONDS);
    return admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS);
  }

  private static Map<Integer, Integer> replicasPerBroker(Admin admin) throws Exception {
    Map<Integer, Integer> counts = new TreeMap<>();
    for (TopicDescription topic : describeAll(admin).values()) {
      for (TopicPartitionInfo partition : topic.partitions()) {
        partition.replicas().forEach(node -> counts.merge(node.id(), 1, Integer::sum));
      }
    }
    return counts;
  }

  private static Map<Integer, Integer> preferredLeadersPerBroker(Admin admin) throws Exception {
    Map<Integer, Integer> counts = new TreeMap<>();
    for (TopicDescription topic : describeAll(admin).values()) {
      for (TopicPartitionInfo partition : topic.partitions()) {
        counts.merge(partition.replicas().get(0).id(), 1, Integer::sum);
      }
    }
    return counts;
  }

  /** No broker above 1.2 times the mean (or the mean rounded up, for small counts). */
  private static void assertWithinBound(Map<Integer, Integer> counts, String what) {
    double mean = counts.values().stream().mapToInt(Integer::intValue).average().orElse(0);
    double bound = Math.max(Math.ceil(mean), 1.2 * mean);
    assertThat(counts.values())
        .as("%s %s (mean %.2f)", what, counts, mean)
        .allMatch(n -> n <= bound);
  }

  /**
   * Within each rack, no broker further than 20% (or one) from the rack's mean. Racks hold what
   * rack spread gives them: with three racks, a broker alone in its rack holds a replica of every
   * partition of replication factor three, so the cluster-wide mean is no yardstick.
   */
  private static void assertEvenWithinRacks(Admin admin, Map<Integer, Integer> counts, String what)
      throws Exception {
    Map<String, List<Integer>> brokersByRack =
        admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).stream()
            .collect(
                Collectors.groupingBy(
                    Node::rack, TreeMap::new, Collectors.mapping(Node::id, Collectors.toList())));
    brokersByRack.forEach(
        (rack, brokers) -> {
          double mean =
              brokers.stream().mapToInt(b -> counts.getOrDefault(b, 0)).average().orElse(0);
          double slack = Math.max(1, 0.2 * mean);
          assertThat(brokers)
              .as("%s %s, rack %s %s (mean %.2f)", what, counts, rack, brokers, mean)
              .allMatch(b -> Math.abs(counts.getOrDefault(b, 0) - mean) <= slack);
        });
  }

  /** Every partition has its full replica set in sync, none on {@code absent}, across 3 racks. */
  private static void assertFullyReplicatedWithout(Admin admin, int absent) throws Exception {
    for (TopicDescription topic : describeAll(admin).values()) {
      for (TopicPartitionInfo partition : topic.partitions()) {
        String name = topic.name() + "-" + partition.partition();
        assertThat(partition.replicas()).as(name).extracting(Node::id).doesNotContain(absent);
        assertThat(partition.isr()).as(name + " ISR").hasSameSizeAs(partition.replicas());
        if (partition.replicas().size() == 3) {
          assertThat(partition.replicas().stream().map(Node::rack).collect(Collectors.toSet()))
              .as(name + " racks")
              .hasSize(3);
        }
      }
    }
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
    cluster.getSpec().getHealing().setGracePeriod("30s");
    cluster.getSpec().getHealing().setMaxConcurrentMoves(4);
    return cluster;
  }

  private static Topic topic(String name, int partitions) {
    return topic(name, partitions, 3);
  }

  private static Topic topic(String name, int partitions, int replicationFactor) {
    Topic topic = new Topic();
    topic.setMetadata(
        new ObjectMetaBuilder().withName(name).withNamespace(operator.namespace()).build());
    topic.setSpec(new TopicSpec());
    topic.getSpec().setCluster(NAME);
    topic.getSpec().setPartitions(partitions);
    topic.getSpec().setReplicationFactor(replicationFactor);
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
