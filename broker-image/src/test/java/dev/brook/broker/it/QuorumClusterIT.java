package dev.brook.broker.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.brook.testing.BrokerProcess;
import dev.brook.testing.FreePorts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three combined broker/controller processes forming one cluster over a Ratis quorum on loopback:
 * stock Admin sees three brokers, RF 3 topics span them, a killed controller's leaderships move
 * once its session expires, and a SIGTERM moves leadership before the process exits.
 */
class QuorumClusterIT {

  private static final String TOPIC = "replicated";

  @TempDir Path dir;
  private final Map<Integer, BrokerProcess> brokers = new TreeMap<>();

  @AfterEach
  void stopAll() throws InterruptedException {
    for (BrokerProcess broker : brokers.values()) {
      broker.close();
    }
  }

  @Test
  void shouldFormOneClusterAndMoveLeadershipWhenBrokersLeave() throws Exception {
    startCluster();
    try (Admin admin = Clients.admin(bootstrapAll())) {
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> admin.describeCluster().nodes().get().size() == 3);
      int controller = admin.describeCluster().controller().get().id();
      assertThat(controller).isBetween(1, 3);

      admin.createTopics(List.of(new NewTopic(TOPIC, 6, (short) 3))).all().get();
      for (BrokerProcess broker : brokers.values()) {
        try (Admin onBroker = Clients.admin(broker.bootstrapServers())) {
          await()
              .atMost(Duration.ofSeconds(10))
              .ignoreExceptions()
              .untilAsserted(
                  () -> {
                    for (TopicPartitionInfo p : describe(onBroker).partitions()) {
                      assertThat(new HashSet<>(ids(p.replicas())))
                          .containsExactlyInAnyOrder(1, 2, 3);
                      assertThat(p.leader()).isNotNull();
                    }
                  });
        }
      }

      long killedAt = System.nanoTime();
      brokers.get(controller).kill();
      int survivor = controller % 3 + 1;
      int leaving = survivor % 3 + 1;
      try (Admin onSurvivor = Clients.admin(brokers.get(survivor).bootstrapServers())) {
        await()
            .atMost(Duration.ofSeconds(30))
            .ignoreExceptions()
            .untilAsserted(
                () -> {
                  for (TopicPartitionInfo p : describe(onSurvivor).partitions()) {
                    assertThat(p.leader().id()).isNotEqualTo(controller);
                    assertThat(ids(p.isr())).doesNotContain(controller);
                  }
                });
        System.out.printf(
            "leaders moved %d ms after kill -9 of controller %d (session timeout 3000 ms)%n",
            (System.nanoTime() - killedAt) / 1_000_000, controller);
        long stoppingAt = System.nanoTime();

        assertThat(brokers.get(leaving).stop()).as("exit status after SIGTERM").isEqualTo(143);
        System.out.printf(
            "SIGTERM to exit with controlled shutdown: %d ms%n",
            (System.nanoTime() - stoppingAt) / 1_000_000);
        // With one voter of three left the quorum can no longer fence anyone: the leaders moved
        // because the controlled shutdown committed before the process exited.
        await()
            .atMost(Duration.ofSeconds(10))
            .ignoreExceptions()
            .untilAsserted(
                () -> {
                  for (TopicPartitionInfo p : describe(onSurvivor).partitions()) {
                    assertThat(p.leader().id()).isEqualTo(survivor);
                  }
                });
      }

      // Both return from their own storage: the quorum re-forms with the same cluster id and
      // metadata, and each restarted node serves the topic from its replayed image.
      String clusterId = admin.describeCluster().clusterId().get();
      brokers.get(controller).start();
      brokers.get(leaving).start();
      try (Admin onRestarted = Clients.admin(brokers.get(controller).bootstrapServers())) {
        await()
            .atMost(Duration.ofSeconds(30))
            .ignoreExceptions()
            .untilAsserted(
                () -> {
                  assertThat(onRestarted.describeCluster().clusterId().get()).isEqualTo(clusterId);
                  assertThat(describe(onRestarted).partitions()).hasSize(6);
                });
      }
    }
  }

  private void startCluster() throws Exception {
    List<String> voters = new ArrayList<>();
    Map<Integer, Integer> controllerPorts = new TreeMap<>();
    for (int id = 1; id <= 3; id++) {
      controllerPorts.put(id, FreePorts.next());
      voters.add(id + "@127.0.0.1:" + controllerPorts.get(id));
    }
    for (int id = 1; id <= 3; id++) {
      int port = FreePorts.next();
      Map<String, String> overrides = new TreeMap<>();
      overrides.put("node.id", Integer.toString(id));
      overrides.put("controller.quorum.voters", String.join(",", voters));
      overrides.put(
          "listeners",
          "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPorts.get(id));
      overrides.put("broker.heartbeat.interval.ms", "500");
      overrides.put("broker.session.timeout.ms", "3000");
      overrides.put("default.replication.factor", "3");
      overrides.put("offsets.topic.replication.factor", "3");
      brokers.put(id, new BrokerProcess(dir.resolve("node-" + id), port, overrides));
    }
    // Together: a voter serves only once a quorum of voters has formed.
    for (BrokerProcess broker : brokers.values()) {
      broker.startWithoutWaiting();
    }
    for (BrokerProcess broker : brokers.values()) {
      broker.awaitServing();
    }
  }

  private String bootstrapAll() {
    return String.join(
        ",", brokers.values().stream().map(BrokerProcess::bootstrapServers).toList());
  }

  private static TopicDescription describe(Admin admin) throws Exception {
    return admin.describeTopics(List.of(TOPIC)).allTopicNames().get().get(TOPIC);
  }

  private static List<Integer> ids(List<Node> nodes) {
    return nodes.stream().map(Node::id).toList();
  }
}
