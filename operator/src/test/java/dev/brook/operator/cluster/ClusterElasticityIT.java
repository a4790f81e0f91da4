package dev.brook.operator.cluster;

import static dev.brook.operator.testing.KafkaClients.admin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.brook.e2e.junit.WithLocalKubernetes;
import dev.brook.e2e.nodeagent.NodeAgent;
import dev.brook.operator.api.BrokerStatus;
import dev.brook.operator.api.Cluster;
import dev.brook.operator.api.ConditionReason;
import dev.brook.operator.api.ConditionType;
import dev.brook.operator.api.Conditions;
import dev.brook.operator.api.PartitionMovesStatus;
import dev.brook.operator.api.Topic;
import dev.brook.operator.testing.PartitionLayouts;
import dev.brook.operator.testing.ProductionRun;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.config.ConfigResource;
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
/**
 * Healing and elasticity of a three-broker Cluster on the six simulated nodes (two per zone), with
 * idempotent acks=all production in every test: scale-up with rebalance onto the new broker, the
 * loss of a broker's node (an operator restart in the middle of the heal) and its return,
 * scale-down with drain. The tests share the cluster and run in order.
 */
@WithLocalKubernetes
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterElasticityIT {

  private static KubernetesClient client;
  private static TestCluster trio;

  @BeforeAll
  static void start(KubernetesClient kubernetes) {
    client = kubernetes;
    trio = TestCluster.start(client, "elastic");
    trio.awaitReconciled(3);
    Topic payments = client.resource(trio.topic("payments", 3, 3)).create();
    trio.awaitTopicReady(payments, 3);
  }

  @AfterAll
  static void stop() {
    trio.close();
  }

  @Test
  @Order(1)
  void shouldAddBrokerInLeastUsedZoneAndRebalanceOntoItWhenScaledUp() throws Exception {
    Cluster before = trio.awaitReconciled(3);
    Map<String, Long> brokersPerZone =
        before.getStatus().getBrokers().stream()
            .collect(Collectors.groupingBy(BrokerStatus::getRack, Collectors.counting()));
    Topic spread = client.resource(trio.topic("spread", 8, 2)).create();
    trio.awaitTopicReady(spread, 8);

    Cluster scaled;
    String throttle = Long.toString(TestCluster.THROTTLE_BYTES_PER_SECOND);
    ConfigResource broker0 = new ConfigResource(ConfigResource.Type.BROKER, "0");
    AtomicBoolean sawThrottle = new AtomicBoolean();
    try (ProductionRun production =
            ProductionRun.start(before.getStatus().getBootstrap(), "payments", 20);
        Admin watcher = admin(before.getStatus().getBootstrap())) {
      trio.scale(4);
      scaled =
          await()
              .atMost(TestCluster.TIMEOUT)
              .pollInterval(Duration.ofMillis(300))
              .until(
                  () -> {
                    if (throttle.equals(rate(watcher, broker0))) {
                      sawThrottle.set(true);
                    }
                    return client.resource(trio.resource()).get();
                  },
                  current ->
                      current.getStatus().getReplicas() == 4
                          && current.getStatus().getPartitionMoves() == null
                          && Conditions.isTrue(
                              current.getStatus().getConditions(), ConditionType.Ready));
      scaled = trio.awaitReconciled(4);
      production.assertIntact(TestCluster.TIMEOUT);
    }
    assertThat(sawThrottle).as("brokers throttled while the rebalance copied").isTrue();

    BrokerStatus added = scaled.getStatus().getBrokers().get(3);
    long fewest = brokersPerZone.values().stream().mapToLong(Long::longValue).min().orElseThrow();
    assertThat(brokersPerZone.get(added.getRack())).isEqualTo(fewest);
    assertThat(client.nodes().withName(added.getNode()).get().getMetadata().getLabels())
        .containsEntry(BrokerPods.ZONE_KEY, added.getRack());
    assertThat(scaled.getStatus().getReplicas()).isEqualTo(4);
    assertThat(scaled.getStatus().getPartitionMoves()).isNull();
    try (Admin admin = admin(scaled.getStatus().getBootstrap())) {
      assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS))
          .extracting(Node::id)
          .containsExactlyInAnyOrder(0, 1, 2, 3);
      Map<Integer, Integer> replicas = PartitionLayouts.replicasPerBroker(admin);
      assertThat(replicas.get(3)).as("replicas moved onto the new broker").isPositive();
      PartitionLayouts.assertEvenWithinRacks(admin, replicas, "replicas per broker");
      PartitionLayouts.assertWithinBound(
          PartitionLayouts.preferredLeadersPerBroker(admin), "preferred leaders per broker");
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                assertThat(rate(admin, broker0)).as("throttle lifted").isNotEqualTo(throttle);
                ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, "spread");
                assertThat(configValue(admin, topic, "leader.replication.throttled.replicas"))
                    .isEmpty();
              });
    }
  }

  private static String rate(Admin admin, ConfigResource broker) throws Exception {
    return configValue(admin, broker, "leader.replication.throttled.rate");
  }

  private static String configValue(Admin admin, ConfigResource resource, String key)
      throws Exception {
    return admin
        .describeConfigs(List.of(resource))
        .all()
        .get(10, TimeUnit.SECONDS)
        .get(resource)
        .get(key)
        .value();
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
  @Order(2)
  void shouldRestoreReplicationWhenABrokersNodeIsLostAndRebalanceWhenItReturns(NodeAgent agent)
      throws Exception {
    Cluster before = trio.awaitReconciled(4);
    String bootstrap = before.getStatus().getBootstrap();
    BrokerStatus victim = before.getStatus().getBrokers().get(3);
    String node = victim.getNode();
    long lossToFullReplication;
    try (ProductionRun production = ProductionRun.start(bootstrap, "payments", 20);
        Admin admin = admin(bootstrap)) {
      List<String> zoneMates = trio.pods().otherNodesOfZone(node, victim.getRack());
      zoneMates.forEach(name -> trio.pods().cordon(name, true));
      long stoppedAt = System.nanoTime();
      agent.stopNode(node);
      try {
        Cluster lost =
            await()
                .atMost(TestCluster.TIMEOUT)
                .until(
                    () -> client.resource(trio.resource()).get(),
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
                .atMost(TestCluster.TIMEOUT)
                .until(
                    () -> client.resource(trio.resource()).get().getStatus().getPartitionMoves(),
                    moves ->
                        moves != null
                            && PartitionOperations.HEAL.equals(moves.getOperation())
                            && moves.getPartitionsDone() > 0);
        trio.restartOperator();
        await()
            .atMost(TestCluster.TIMEOUT)
            .pollInterval(Duration.ofMillis(500))
            .untilAsserted(() -> PartitionLayouts.assertFullyReplicatedWithout(admin, 3));
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
        zoneMates.forEach(name -> trio.pods().cordon(name, false));
      }
      Cluster back = trio.awaitReconciled(4);
      assertThat(back.getStatus().getBrokers().get(3).getRack()).isEqualTo(victim.getRack());
      assertThat(back.getStatus().getBrokers().get(3).isLost()).isFalse();
      assertThat(Conditions.isTrue(back.getStatus().getConditions(), ConditionType.Degraded))
          .isFalse();
      Map<Integer, Integer> replicas = PartitionLayouts.replicasPerBroker(admin);
      assertThat(replicas.get(3)).as("replicas moved back onto broker 3").isPositive();
      PartitionLayouts.assertEvenWithinRacks(
          admin, replicas, "replicas per broker after the return");
      production.assertIntact(TestCluster.TIMEOUT);
    }
  }

  /**
   * 4 → 3: broker 3 is cordoned (a topic created meanwhile gets no replica on it) and drained while
   * production goes on, no partition is ever without a leader, and its pod is deleted only once it
   * holds no replica.
   */
  @Test
  @Order(3)
  void shouldDrainTheLeavingBrokerBeforeDeletingItsPodWhenScaledDown() throws Exception {
    Cluster before = trio.awaitReconciled(4);
    String bootstrap = before.getStatus().getBootstrap();
    DrainWatch drain;
    try (ProductionRun production = ProductionRun.start(bootstrap, "payments", 20);
        Admin admin = admin(bootstrap)) {
      trio.scale(3);
      await()
          .atMost(TestCluster.TIMEOUT)
          .pollInterval(Duration.ofMillis(200))
          .until(
              () ->
                  client
                      .resource(trio.resource())
                      .get()
                      .getStatus()
                      .getCordonedBrokers()
                      .contains(3));
      boolean leavingWasLive =
          admin.describeCluster().nodes().get().stream().anyMatch(node -> node.id() == 3);
      admin
          .createTopics(List.of(new NewTopic("created-while-draining", 12, (short) 2)))
          .all()
          .get();
      // CreateTopics answers once the controller committed; brokers learn of it a moment later.
      TopicDescription created =
          await()
              .atMost(Duration.ofSeconds(30))
              .ignoreExceptions()
              .until(
                  () -> PartitionLayouts.describeAll(admin).get("created-while-draining"),
                  description -> description != null);
      Set<Integer> placedOn =
          created.partitions().stream()
              .flatMap(p -> p.replicas().stream())
              .map(Node::id)
              .collect(Collectors.toSet());
      assertThat(leavingWasLive).as("broker 3 still live once cordoned").isTrue();
      assertThat(placedOn).as("a topic created during the drain").doesNotContain(3);
      drain = DrainWatch.untilPodDeleted(admin, 3);
      assertThat(drain.podGone()).as("broker 3's pod deleted after the drain").isTrue();
      Cluster after = trio.awaitReconciled(3);
      assertThat(after.getStatus().getBrokers()).hasSize(3);
      assertThat(PartitionLayouts.replicasPerBroker(admin).keySet())
          .containsExactlyInAnyOrder(0, 1, 2);
      PartitionLayouts.assertFullyReplicatedWithout(admin, 3);
      awaitRegisteredEvenFenced(admin, 0, 1, 2);
      production.assertIntact(TestCluster.TIMEOUT);
    }
    assertThat(drain.offlineSamples()).as("partitions without a leader during the drain").isEmpty();
    assertThat(drain.podGoneWhileHolding()).isEmpty();
  }

  /**
   * 3 → 4 → 3 while the node of broker 2 is stopped: partitions of replication factor 3 on broker 3
   * have no broker left to go to, so the drain reports DrainFailed naming them and deletes no pod;
   * once the node is back the drain finishes. Broker 3, cordoned by the earlier scale-down, was
   * uncordoned when it came back.
   */
  @Test
  @Order(4)
  void shouldKeepEveryPodAndSayWhyWhenADrainCannotFinish(NodeAgent agent) throws Exception {
    trio.scale(4);
    Cluster four = trio.awaitReconciled(4);
    assertThat(four.getStatus().getCordonedBrokers()).as("broker 3 uncordoned on return").isEmpty();
    try (Admin admin = admin(four.getStatus().getBootstrap())) {
      ConfigResource broker3 = new ConfigResource(ConfigResource.Type.BROKER, "3");
      assertThat(configValue(admin, broker3, "cordoned.log.dirs")).isEmpty();
      String node = four.getStatus().getBrokers().get(2).getNode();
      agent.stopNode(node);
      try {
        await()
            .atMost(TestCluster.TIMEOUT)
            .until(
                () -> admin.describeCluster().nodes().get().stream().noneMatch(n -> n.id() == 2));
        trio.scale(3);
        Cluster failed =
            await()
                .atMost(TestCluster.TIMEOUT)
                .pollInterval(Duration.ofMillis(500))
                .until(
                    () -> client.resource(trio.resource()).get(),
                    c ->
                        c.getStatus().getConditions().stream()
                            .anyMatch(
                                cond ->
                                    ConditionReason.DrainFailed.name().equals(cond.getReason())));
        String message =
            failed.getStatus().getConditions().stream()
                .filter(cond -> ConditionReason.DrainFailed.name().equals(cond.getReason()))
                .findFirst()
                .orElseThrow()
                .getMessage();
        System.out.println("drain with broker 2 down: " + message);
        assertThat(message).contains("nothing is deleted").contains("__consumer_offsets-");
        assertThat(
                client
                    .pods()
                    .inNamespace(trio.namespace())
                    .withName(trio.name() + "-broker-3")
                    .get())
            .as("the leaving broker's pod is kept")
            .isNotNull();
      } finally {
        agent.restartNode(node);
      }
      Cluster three = trio.awaitReconciled(3);
      assertThat(three.getStatus().getBrokers()).hasSize(3);
      PartitionLayouts.assertFullyReplicatedWithout(admin, 3);
    }
  }

  /**
   * {@code spec.removeBrokers: [3]} with {@code replicas} unchanged at 4 replaces broker 3 by the
   * next free id: broker 4 joins, broker 3 (not the highest id any more) is drained under
   * production without a partition ever lacking a leader, and its pod goes only once it is empty.
   */
  @Test
  @Order(5)
  void shouldDrainAListedBrokerAndReplaceItByTheNextFreeId() throws Exception {
    trio.scale(4);
    Cluster four = trio.awaitReconciled(4);
    String bootstrap = four.getStatus().getBootstrap();
    DrainWatch drain;
    try (ProductionRun production = ProductionRun.start(bootstrap, "payments", 20);
        Admin admin = admin(bootstrap)) {
      client
          .resources(Cluster.class)
          .inNamespace(trio.namespace())
          .withName(trio.name())
          .edit(
              c -> {
                c.getSpec().setRemoveBrokers(List.of(3));
                return c;
              });
      drain = DrainWatch.untilPodDeleted(admin, 3);
      Cluster replaced = trio.awaitReconciled(4);
      assertThat(replaced.getStatus().getBrokers())
          .extracting(BrokerStatus::getId)
          .containsExactly(0, 1, 2, 4);
      assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS))
          .extracting(Node::id)
          .containsExactlyInAnyOrder(0, 1, 2, 4);
      Map<Integer, Integer> replicas = PartitionLayouts.replicasPerBroker(admin);
      assertThat(replicas.keySet()).containsExactlyInAnyOrder(0, 1, 2, 4);
      PartitionLayouts.assertFullyReplicatedWithout(admin, 3);
      awaitRegisteredEvenFenced(admin, 0, 1, 2, 4);
      production.assertIntact(TestCluster.TIMEOUT);
    }
    assertThat(drain.podGone()).as("broker 3's pod deleted after the drain").isTrue();
    assertThat(drain.offlineSamples()).as("partitions without a leader").isEmpty();
    assertThat(drain.podGoneWhileHolding()).isEmpty();
  }

  /** The removed broker is unregistered: not even listed as fenced. */
  private static void awaitRegisteredEvenFenced(Admin admin, Integer... ids) {
    await()
        .atMost(TestCluster.TIMEOUT)
        .untilAsserted(
            () ->
                assertThat(
                        admin
                            .describeCluster(
                                new DescribeClusterOptions().includeFencedBrokers(true))
                            .nodes()
                            .get(30, TimeUnit.SECONDS))
                    .extracting(Node::id)
                    .containsExactlyInAnyOrder(ids));
  }

  /** What was seen while a leaving broker was drained, sampled every 200 ms. */
  private record DrainWatch(
      boolean podGone, List<String> offlineSamples, List<String> podGoneWhileHolding) {

    static DrainWatch untilPodDeleted(Admin admin, int broker) throws Exception {
      List<String> offline = new ArrayList<>();
      List<String> goneWhileHolding = new ArrayList<>();
      String pod = trio.name() + "-broker-" + broker;
      long deadline = System.nanoTime() + TestCluster.TIMEOUT.toNanos();
      boolean podGone = false;
      while (System.nanoTime() < deadline && !podGone) {
        Map<String, TopicDescription> topics = PartitionLayouts.describeAll(admin);
        topics.values().stream()
            .flatMap(t -> t.partitions().stream().map(p -> Map.entry(t.name(), p)))
            .filter(e -> e.getValue().leader() == null || e.getValue().leader().isEmpty())
            .forEach(e -> offline.add(e.getKey() + "-" + e.getValue().partition()));
        podGone = client.pods().inNamespace(trio.namespace()).withName(pod).get() == null;
        if (podGone && PartitionLayouts.replicasPerBroker(admin).getOrDefault(broker, 0) > 0) {
          goneWhileHolding.add(pod + " deleted while broker " + broker + " held replicas");
        }
        Thread.sleep(200);
      }
      return new DrainWatch(podGone, offline, goneWhileHolding);
    }
  }
}
