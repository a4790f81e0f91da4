package dev.brook.broker.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.brook.broker.it.versions.QuorumProbes;
import dev.brook.testing.BrokerProcess;
import dev.brook.testing.FreePorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.QuorumInfo;
import org.apache.kafka.clients.admin.RaftVoterEndpoint;
import org.apache.kafka.clients.admin.RemoveRaftVoterOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.DuplicateVoterException;
import org.apache.kafka.common.errors.InconsistentClusterIdException;
import org.apache.kafka.common.errors.VoterNotFoundException;
import org.apache.kafka.common.message.AddRaftVoterRequestData;
import org.apache.kafka.common.message.AddRaftVoterResponseData;
import org.apache.kafka.common.message.DescribeQuorumResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * A quorum that changes (KIP-853) with real broker processes and Admin: a one-voter cluster with a
 * fixed {@code cluster.id} grows to three voters as two nodes with auto-join start, keeping its
 * data and its cluster id; the grown quorum survives the loss of its leader, and a voter is then
 * removed. Refusals come back as Kafka's errors.
 */
class QuorumReconfigurationIT {

  private static final String CLUSTER_ID = Uuid.randomUuid().toString();

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path workDir;

  private final Map<Integer, Integer> clientPorts = new HashMap<>();
  private final Map<Integer, Integer> controllerPorts = new HashMap<>();
  private final Map<Integer, BrokerProcess> nodes = new HashMap<>();

  @AfterEach
  void stopAll() throws InterruptedException {
    for (BrokerProcess node : nodes.values()) {
      node.close();
    }
  }

  @Test
  void shouldGrowFromOneVoterToThreeKeepingDataThenSurviveTheLeaderAndRemoveIt() throws Exception {
    for (int id = 1; id <= 3; id++) {
      clientPorts.put(id, FreePorts.next());
      controllerPorts.put(id, FreePorts.next());
    }
    node(1, List.of(1), false).start();
    try (Admin first = Clients.admin(nodes.get(1).bootstrapServers())) {
      first.createTopics(List.of(new NewTopic("before", 1, (short) 1))).all().get();
      Clients.produceFixedSize(nodes.get(1).bootstrapServers(), "before", 0, 100, 10);
      assertThat(first.describeCluster().clusterId().get()).isEqualTo(CLUSTER_ID);
      assertThat(voters(first)).containsExactly(1);
    }

    node(2, List.of(1, 2, 3), true).startWithoutWaiting();
    node(3, List.of(1, 2, 3), true).startWithoutWaiting();
    nodes.get(2).awaitServing();
    nodes.get(3).awaitServing();

    try (Admin admin = Clients.admin(bootstrap(1, 2, 3))) {
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(() -> assertThat(voters(admin)).containsExactlyInAnyOrder(1, 2, 3));
      QuorumInfo quorum = admin.describeMetadataQuorum().quorumInfo().get();
      assertThat(quorum.observers()).isEmpty();
      assertThat(quorum.highWatermark()).isPositive();
      assertThat(quorum.nodes()).containsKeys(1, 2, 3);
      assertThat(quorum.nodes().get(2).endpoints())
          .anySatisfy(e -> assertThat(e.port()).isEqualTo(controllerPorts.get(2)));
      for (int id : List.of(2, 3)) {
        try (Admin direct = Clients.admin(nodes.get(id).bootstrapServers())) {
          assertThat(direct.describeCluster().clusterId().get()).isEqualTo(CLUSTER_ID);
          assertThat(direct.listTopics().names().get()).contains("before");
        }
      }
      assertThat(Files.readString(nodes.get(2).dataDir().resolve("meta.properties")))
          .contains("cluster.id=" + CLUSTER_ID);

      assertThatThrownBy(
              () ->
                  admin
                      .addRaftVoter(
                          2,
                          Uuid.ZERO_UUID,
                          java.util.Set.of(
                              new RaftVoterEndpoint(
                                  "CONTROLLER", "127.0.0.1", controllerPorts.get(2))))
                      .all()
                      .get())
          .isInstanceOf(ExecutionException.class)
          .cause()
          .isInstanceOf(DuplicateVoterException.class);
      assertThatThrownBy(() -> admin.removeRaftVoter(9, Uuid.ZERO_UUID).all().get())
          .cause()
          .isInstanceOf(VoterNotFoundException.class);
      assertThatThrownBy(
              () ->
                  admin
                      .removeRaftVoter(
                          3,
                          Uuid.ZERO_UUID,
                          new RemoveRaftVoterOptions()
                              .setClusterId(Optional.of(Uuid.randomUuid().toString())))
                      .all()
                      .get())
          .cause()
          .isInstanceOf(InconsistentClusterIdException.class);
      assertThat(voters(admin)).containsExactlyInAnyOrder(1, 2, 3);
      assertOlderVersionsOn(nodes.get(2));

      admin
          .createTopics(
              List.of(
                  new NewTopic("after", 1, (short) 3).configs(Map.of("min.insync.replicas", "2"))))
          .all()
          .get();
      Clients.produceFixedSize(bootstrap(1, 2, 3), "after", 0, 50, 10);

      int leader = admin.describeMetadataQuorum().quorumInfo().get().leaderId();
      nodes.get(leader).kill();
      List<Integer> survivors = List.of(1, 2, 3).stream().filter(id -> id != leader).toList();
      String survivorsBootstrap = bootstrap(survivors.stream().mapToInt(i -> i).toArray());
      try (Admin rest = Clients.admin(survivorsBootstrap)) {
        await()
            .atMost(Duration.ofSeconds(30))
            .untilAsserted(
                () ->
                    assertThat(rest.describeMetadataQuorum().quorumInfo().get().leaderId())
                        .isIn(survivors));
        Clients.produceFixedSize(survivorsBootstrap, "after", 0, 50, 10);
        assertThat(consumeAll(survivorsBootstrap, "after")).isEqualTo(100);

        rest.removeRaftVoter(leader, Uuid.ZERO_UUID).all().get();
        assertThat(voters(rest)).containsExactlyInAnyOrderElementsOf(survivors);
        // Two voters left, both needed: a metadata change still commits.
        rest.createTopics(List.of(new NewTopic("shrunk", 1, (short) 2))).all().get();
        await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> rest.listTopics().names().get().contains("shrunk"));
      }
    }
  }

  /**
   * The operator removes voters that a smaller quorum no longer has, the active controller among
   * them: it steps down once the change commits and a remaining voter leads.
   */
  @Test
  void shouldRemoveTheActiveControllerAndElectAnotherLeader() throws Exception {
    for (int id = 1; id <= 3; id++) {
      clientPorts.put(id, FreePorts.next());
      controllerPorts.put(id, FreePorts.next());
    }
    for (int id = 1; id <= 3; id++) {
      node(id, List.of(1, 2, 3), false).startWithoutWaiting();
    }
    for (int id = 1; id <= 3; id++) {
      nodes.get(id).awaitServing();
    }
    try (Admin admin = Clients.admin(bootstrap(1, 2, 3))) {
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(() -> assertThat(voters(admin)).containsExactlyInAnyOrder(1, 2, 3));
      int leader = admin.describeMetadataQuorum().quorumInfo().get().leaderId();
      List<Integer> rest = List.of(1, 2, 3).stream().filter(id -> id != leader).toList();

      admin.removeRaftVoter(leader, Uuid.ZERO_UUID).all().get(30, TimeUnit.SECONDS);

      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                QuorumInfo quorum = admin.describeMetadataQuorum().quorumInfo().get();
                assertThat(quorum.leaderId()).isIn(rest);
                assertThat(quorum.voters())
                    .extracting(QuorumInfo.ReplicaState::replicaId)
                    .containsExactlyInAnyOrderElementsOf(rest);
              });
      String restBootstrap = bootstrap(rest.stream().mapToInt(i -> i).toArray());
      try (Admin survivors = Clients.admin(restBootstrap)) {
        survivors.createTopics(List.of(new NewTopic("after-removal", 1, (short) 2))).all().get();
        await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> survivors.listTopics().names().get().contains("after-removal"));
      }
    }
  }

  /** DescribeQuorum v0 and v1 and AddRaftVoter v0 (Admin sends the newest) on a forwarding node. */
  private void assertOlderVersionsOn(BrokerProcess node) throws Exception {
    try (RawConnection connection = new RawConnection(node.bootstrapServers())) {
      for (short version = 0; version <= 1; version++) {
        int correlationId = connection.send(QuorumProbes.describeMetadataPartition(), version);
        DescribeQuorumResponseData response =
            connection.receive(ApiKeys.DESCRIBE_QUORUM, version, correlationId);
        DescribeQuorumResponseData.PartitionData partition =
            response.topics().get(0).partitions().get(0);
        assertThat(partition.currentVoters())
            .extracting(DescribeQuorumResponseData.ReplicaState::replicaId)
            .containsExactlyInAnyOrder(1, 2, 3);
        assertThat(partition.currentVoters())
            .allSatisfy(voter -> assertThat(voter.logEndOffset()).isPositive());
        if (version == 1) {
          assertThat(partition.currentVoters())
              .filteredOn(voter -> voter.replicaId() != partition.leaderId())
              .allSatisfy(voter -> assertThat(voter.lastFetchTimestamp()).isPositive());
        }
      }
      AddRaftVoterRequestData add =
          new AddRaftVoterRequestData()
              .setClusterId(CLUSTER_ID)
              .setTimeoutMs(5_000)
              .setVoterId(3)
              .setVoterDirectoryId(Uuid.ZERO_UUID);
      add.listeners()
          .add(
              new AddRaftVoterRequestData.Listener()
                  .setName("CONTROLLER")
                  .setHost("127.0.0.1")
                  .setPort(controllerPorts.get(3)));
      int correlationId = connection.send(add, (short) 0);
      AddRaftVoterResponseData added =
          connection.receive(ApiKeys.ADD_RAFT_VOTER, (short) 0, correlationId);
      assertThat(added.errorCode()).isEqualTo(Errors.DUPLICATE_VOTER.code());
      assertThat(added.errorMessage()).contains("already a voter");
    }
  }

  /**
   * A {@code listeners.controllerPort} change rolls every voter onto a new port, one at a time and
   * the active controller last: each comes back as a new incarnation that replaces its earlier one
   * (UpdateRaftVoter), the quorum, its cluster id and the data stay, and a broker-only node keeps
   * finding the active controller, restarted before the voters move and running while they do.
   */
  @Test
  void shouldKeepTheQuorumAndItsDataWhenEveryVoterMovesToAnotherControllerPort() throws Exception {
    for (int id = 1; id <= 4; id++) {
      clientPorts.put(id, FreePorts.next());
      controllerPorts.put(id, FreePorts.next());
    }
    List<Integer> voterIds = List.of(1, 2, 3);
    for (int id : voterIds) {
      node(id, voterIds, false).startWithoutWaiting();
    }
    brokerOnlyNode(4, voterIds).startWithoutWaiting();
    for (int id = 1; id <= 4; id++) {
      nodes.get(id).awaitServing();
    }
    try (Admin admin = Clients.admin(bootstrap(1, 2, 3, 4))) {
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> admin.describeCluster().nodes().get().size() == 4);
      admin.createTopics(List.of(new NewTopic("kept", 1, (short) 3))).all().get();
      Clients.produceFixedSize(bootstrap(1, 2, 3, 4), "kept", 0, 100, 10);
      int leader = admin.describeMetadataQuorum().quorumInfo().get().leaderId();
      List<Integer> order = new java.util.ArrayList<>(voterIds);
      order.remove(Integer.valueOf(leader));
      order.add(leader);
      for (int id : voterIds) {
        controllerPorts.put(id, FreePorts.next());
      }
      // Restarted before any voter has moved, the broker-only node is configured with ports
      // nobody listens on yet: it finds the active controller where it last saw the voters.
      nodes.get(4).stop();
      brokerOnlyNode(4, voterIds).start();
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  assertThat(admin.describeCluster().nodes().get())
                      .extracting(org.apache.kafka.common.Node::id)
                      .contains(4));

      for (int id : order) {
        nodes.get(id).stop();
        node(id, voterIds, false).start();
        await()
            .atMost(Duration.ofSeconds(30))
            .untilAsserted(
                () -> {
                  QuorumInfo quorum = admin.describeMetadataQuorum().quorumInfo().get();
                  assertThat(quorum.voters())
                      .extracting(QuorumInfo.ReplicaState::replicaId)
                      .containsExactlyInAnyOrderElementsOf(voterIds);
                  assertThat(quorum.nodes().get(id).endpoints())
                      .singleElement()
                      .satisfies(e -> assertThat(e.port()).isEqualTo(controllerPorts.get(id)));
                });
      }

      QuorumInfo moved = admin.describeMetadataQuorum().quorumInfo().get();
      assertThat(moved.voters())
          .extracting(QuorumInfo.ReplicaState::replicaDirectoryId)
          .doesNotContain(Uuid.ZERO_UUID);
      assertThat(admin.describeCluster().clusterId().get()).isEqualTo(CLUSTER_ID);
      // Longer than a broker session: the broker-only node still heartbeats to the new leader.
      Thread.sleep(4_000);
      assertThat(admin.describeCluster().nodes().get())
          .extracting(org.apache.kafka.common.Node::id)
          .containsExactlyInAnyOrder(1, 2, 3, 4);
      assertThat(consumeAll(bootstrap(4), "kept")).isEqualTo(100);
      admin.createTopics(List.of(new NewTopic("after-move", 1, (short) 3))).all().get();
      Clients.produceFixedSize(bootstrap(4), "after-move", 0, 10, 10);
    }
  }

  private BrokerProcess brokerOnlyNode(int id, List<Integer> voterIds) {
    Map<String, String> settings = settings(id, voterIds, false);
    settings.put("process.roles", "broker");
    settings.put("listeners", "PLAINTEXT://127.0.0.1:" + clientPorts.get(id));
    return process(id, settings);
  }

  private BrokerProcess node(int id, List<Integer> voterIds, boolean autoJoin) {
    return process(id, settings(id, voterIds, autoJoin));
  }

  private BrokerProcess process(int id, Map<String, String> settings) {
    BrokerProcess node =
        new BrokerProcess(workDir.resolve("node-" + id), clientPorts.get(id), settings);
    nodes.put(id, node);
    return node;
  }

  private Map<String, String> settings(int id, List<Integer> voterIds, boolean autoJoin) {
    Map<String, String> settings = new HashMap<>();
    settings.put("node.id", Integer.toString(id));
    settings.put("process.roles", "broker,controller");
    settings.put("cluster.id", CLUSTER_ID);
    settings.put(
        "controller.quorum.voters",
        voterIds.stream()
            .map(v -> v + "@127.0.0.1:" + controllerPorts.get(v))
            .collect(Collectors.joining(",")));
    settings.put("controller.quorum.auto.join.enable", Boolean.toString(autoJoin));
    settings.put("controller.listener.names", "CONTROLLER");
    settings.put(
        "listeners",
        "PLAINTEXT://127.0.0.1:"
            + clientPorts.get(id)
            + ",CONTROLLER://127.0.0.1:"
            + controllerPorts.get(id));
    settings.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + clientPorts.get(id));
    settings.put("broker.heartbeat.interval.ms", "500");
    settings.put("broker.session.timeout.ms", "3000");
    settings.put("replica.lag.time.max.ms", "4000");
    settings.put("offsets.topic.replication.factor", "1");
    return settings;
  }

  private String bootstrap(int... ids) {
    return java.util.Arrays.stream(ids)
        .mapToObj(id -> "127.0.0.1:" + clientPorts.get(id))
        .collect(Collectors.joining(","));
  }

  private static List<Integer> voters(Admin admin) throws Exception {
    return admin.describeMetadataQuorum().quorumInfo().get().voters().stream()
        .map(QuorumInfo.ReplicaState::replicaId)
        .toList();
  }

  private static int consumeAll(String bootstrap, String topic) {
    try (KafkaConsumer<String, String> consumer =
        Clients.consumer(
            bootstrap,
            Map.<String, Object>of(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"))) {
      consumer.assign(List.of(new TopicPartition(topic, 0)));
      return Clients.pollAtLeast(consumer, 100, Duration.ofSeconds(20)).size();
    }
  }
}
