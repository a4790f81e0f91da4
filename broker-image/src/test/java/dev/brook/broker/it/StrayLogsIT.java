package dev.brook.broker.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.brook.testing.BrokerCluster;
import dev.brook.testing.BrokerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewPartitionReassignment;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * A broker that was down while its replicas moved elsewhere and a topic of it was deleted finds
 * their logs on its disk when it comes back: once it has caught up with the metadata log it deletes
 * them, and keeps the logs of the partitions it still hosts. The returning broker is a broker-only
 * node: it fetches the metadata afresh before it starts its logs, so it never sees the states in
 * which it still held those replicas (as a broker given a snapshot would not), and nothing but the
 * stray-log sweep removes them.
 */
class StrayLogsIT {

  private static final int RETURNING = 4;

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path workDir;

  @Test
  void shouldDeleteTheLogsOfReplicasMovedAwayOrDeletedWhileTheBrokerWasDown() throws Exception {
    try (BrokerCluster cluster = new BrokerCluster(workDir, 3, null, Map.of()).start();
        Admin admin = Clients.admin(cluster.bootstrapServers())) {
      BrokerProcess returning = cluster.addBrokerOnlyNode();
      returning.start();
      await().atMost(Duration.ofSeconds(60)).until(() -> liveBrokers(admin).size() == 4);
      admin
          .createTopics(
              List.of(
                  new NewTopic("moved", Map.of(0, List.of(1, RETURNING), 1, List.of(RETURNING, 2))),
                  new NewTopic(
                      "deleted", Map.of(0, List.of(RETURNING, 1, 2), 1, List.of(2, RETURNING, 3))),
                  new NewTopic("kept", Map.of(0, List.of(RETURNING, 1, 2)))))
          .all()
          .get(30, TimeUnit.SECONDS);
      produce(cluster.bootstrapServers(), List.of("moved", "deleted", "kept"));
      Path logDir = returning.dataDir();
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  partitionDirs(logDir)
                      .containsAll(List.of("moved-0", "moved-1", "deleted-0", "kept-0")));

      returning.stop();
      admin
          .alterPartitionReassignments(
              Map.of(
                  new TopicPartition("moved", 0),
                  Optional.of(new NewPartitionReassignment(List.of(1, 2))),
                  new TopicPartition("moved", 1),
                  Optional.of(new NewPartitionReassignment(List.of(2, 1)))))
          .all()
          .get(30, TimeUnit.SECONDS);
      admin.deleteTopics(List.of("deleted")).all().get(30, TimeUnit.SECONDS);
      await()
          .atMost(Duration.ofSeconds(60))
          .ignoreExceptions()
          .until(
              () ->
                  admin.listPartitionReassignments().reassignments().get().isEmpty()
                      && replicasOf(admin, "moved").stream().noneMatch(r -> r.contains(RETURNING)));

      returning.start();
      await().atMost(Duration.ofSeconds(60)).until(() -> liveBrokers(admin).contains(RETURNING));

      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  assertThat(partitionDirs(logDir))
                      .as("partition logs of broker %d", RETURNING)
                      .contains("kept-0")
                      .noneMatch(dir -> dir.startsWith("moved-") || dir.startsWith("deleted-")));
    }
  }

  private static void produce(String bootstrap, List<String> topics) throws Exception {
    try (KafkaProducer<String, String> producer =
        Clients.producer(bootstrap, Map.of("acks", "all"))) {
      for (String topic : topics) {
        for (int i = 0; i < 20; i++) {
          producer.send(new ProducerRecord<>(topic, "k" + i, "v" + i)).get(30, TimeUnit.SECONDS);
        }
      }
    }
  }

  private static List<String> partitionDirs(Path logDir) throws Exception {
    try (Stream<Path> entries = Files.list(logDir)) {
      return entries
          .filter(Files::isDirectory)
          .map(p -> p.getFileName().toString())
          .filter(name -> name.matches(".+-\\d+"))
          .toList();
    }
  }

  private static List<List<Integer>> replicasOf(Admin admin, String topic) throws Exception {
    return admin
        .describeTopics(List.of(topic))
        .allTopicNames()
        .get(10, TimeUnit.SECONDS)
        .get(topic)
        .partitions()
        .stream()
        .map(TopicPartitionInfo::replicas)
        .map(nodes -> nodes.stream().map(Node::id).toList())
        .toList();
  }

  private static List<Integer> liveBrokers(Admin admin) throws Exception {
    return admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).stream()
        .map(Node::id)
        .toList();
  }
}
