package dev.brook.broker.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.brook.testing.BrokerProcess;
import dev.brook.testing.FreePorts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.QuorumInfo;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dedicated controllers, as production KRaft clusters run them: three {@code
 * process.roles=controller} voters with no client listener and two broker-only nodes. Clients see
 * the brokers only, partitions land on brokers only, the controllers report their health and which
 * one is active, and killing the active controller hands the quorum to another one while clients go
 * on.
 */
class DedicatedControllerIT {

  private static final List<Integer> CONTROLLERS = List.of(1, 2, 3);
  private static final List<Integer> BROKERS = List.of(4, 5);

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path workDir;

  private final Map<Integer, Integer> ports = new HashMap<>();
  private final Map<Integer, Integer> httpPorts = new HashMap<>();
  private final Map<Integer, BrokerProcess> nodes = new HashMap<>();
  private final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void stopAll() throws InterruptedException {
    for (BrokerProcess node : nodes.values()) {
      node.close();
    }
  }

  @Test
  void shouldServeClientsFromBrokersAndSurviveTheActiveControllersLoss() throws Exception {
    for (int id = 1; id <= 5; id++) {
      ports.put(id, FreePorts.next());
      httpPorts.put(id, FreePorts.next());
    }
    String voters =
        CONTROLLERS.stream()
            .map(id -> id + "@127.0.0.1:" + ports.get(id))
            .collect(Collectors.joining(","));
    for (int id : CONTROLLERS) {
      node(id, voters, "controller", "CONTROLLER://127.0.0.1:" + ports.get(id))
          .startWithoutWaiting();
    }
    for (int id : BROKERS) {
      node(id, voters, "broker", "PLAINTEXT://127.0.0.1:" + ports.get(id)).startWithoutWaiting();
    }
    for (int id : BROKERS) {
      nodes.get(id).awaitServing();
    }
    String bootstrap =
        BROKERS.stream().map(id -> "127.0.0.1:" + ports.get(id)).collect(Collectors.joining(","));

    try (Admin admin = Clients.admin(bootstrap)) {
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  assertThat(admin.describeCluster().nodes().get())
                      .extracting(Node::id)
                      .containsExactlyInAnyOrderElementsOf(BROKERS));
      assertThat(admin.describeCluster().controller().get().id())
          .as("clients are given a broker to send controller requests to")
          .isIn(BROKERS);
      QuorumInfo quorum = admin.describeMetadataQuorum().quorumInfo().get();
      assertThat(quorum.voters())
          .extracting(QuorumInfo.ReplicaState::replicaId)
          .containsExactlyInAnyOrderElementsOf(CONTROLLERS);
      assertThat(quorum.leaderId()).isIn(CONTROLLERS);
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () ->
                  assertThat(CONTROLLERS)
                      .allSatisfy(id -> assertThat(status(id, "/health/ready")).isEqualTo(200)));
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () ->
                  assertThat(CONTROLLERS)
                      .filteredOn(id -> isActive(id))
                      .as("active controllers")
                      .containsExactly(
                          admin.describeMetadataQuorum().quorumInfo().get().leaderId()));

      admin.createTopics(List.of(new NewTopic("orders", 4, (short) 2))).all().get();
      // Created once the controller committed it; the brokers learn of it a poll later.
      await()
          .atMost(Duration.ofSeconds(10))
          .ignoreExceptions()
          .untilAsserted(
              () ->
                  assertThat(
                          admin
                              .describeTopics(List.of("orders"))
                              .allTopicNames()
                              .get()
                              .get("orders")
                              .partitions())
                      .hasSize(4)
                      .flatExtracting(TopicPartitionInfo::replicas)
                      .extracting(Node::id)
                      .allSatisfy(id -> assertThat(id).isIn(BROKERS)));
      Clients.produceFixedSize(bootstrap, "orders", 0, 100, 10);

      int active = quorum.leaderId();
      nodes.get(active).kill();
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                int leader = admin.describeMetadataQuorum().quorumInfo().get().leaderId();
                assertThat(leader).isIn(CONTROLLERS).isNotEqualTo(active);
              });
      admin.createTopics(List.of(new NewTopic("after-failover", 2, (short) 2))).all().get();
      Clients.produceFixedSize(bootstrap, "orders", 0, 100, 10);
      assertThat(consume(bootstrap, "orders", 0)).isEqualTo(200);
    }
  }

  private BrokerProcess node(int id, String voters, String roles, String listeners) {
    Map<String, String> settings = new HashMap<>();
    settings.put("node.id", Integer.toString(id));
    settings.put("process.roles", roles);
    settings.put("controller.quorum.voters", voters);
    settings.put("controller.listener.names", "CONTROLLER");
    settings.put("listeners", listeners);
    settings.put("http.listener", "127.0.0.1:" + httpPorts.get(id));
    settings.put("broker.heartbeat.interval.ms", "500");
    settings.put("broker.session.timeout.ms", "3000");
    settings.put("offsets.topic.replication.factor", "2");
    BrokerProcess node = new BrokerProcess(workDir.resolve("node-" + id), ports.get(id), settings);
    nodes.put(id, node);
    return node;
  }

  private int status(int id, String path) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPorts.get(id) + path)).build();
    return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private boolean isActive(int id) {
    try {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPorts.get(id) + "/metrics"))
              .build();
      String body = http.send(request, HttpResponse.BodyHandlers.ofString()).body();
      return body.lines()
          .anyMatch(
              line ->
                  line.startsWith("kafka_controller_kafkacontroller_activecontrollercount")
                      && line.trim().endsWith(" 1.0"));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static int consume(String bootstrap, String topic, int partition) {
    try (KafkaConsumer<String, String> consumer =
        Clients.consumer(
            bootstrap,
            Map.<String, Object>of(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"))) {
      consumer.assign(List.of(new TopicPartition(topic, partition)));
      return Clients.pollAtLeast(consumer, 200, Duration.ofSeconds(30)).size();
    }
  }
}
