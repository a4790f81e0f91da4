package dev.brook.broker.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.brook.testing.BrokerCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Three (or four) broker processes on loopback: placement, replication, ISR and failover. */
class ReplicationIT {

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path workDir;

  @Test
  void shouldPlaceReplicasOnDistinctBrokersAndRacks() throws Exception {
    try (BrokerCluster cluster =
        new BrokerCluster(workDir, 4, List.of("a", "a", "b", "c"), Map.of()).start()) {
      try (Admin admin = Clients.admin(cluster.bootstrapServers())) {
        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> admin.describeCluster().nodes().get().size() == 4);
        admin.createTopics(List.of(new NewTopic("placed", 12, (short) 3))).all().get();
        TopicDescription topic = describe(admin, "placed");
        Map<Integer, String> rackOf =
            admin.describeCluster().nodes().get().stream()
                .collect(Collectors.toMap(Node::id, Node::rack));
        for (TopicPartitionInfo partition : topic.partitions()) {
          Set<Integer> brokers =
              partition.replicas().stream().map(Node::id).collect(Collectors.toSet());
          Set<String> racks = brokers.stream().map(rackOf::get).collect(Collectors.toSet());
          assertThat(brokers).as("partition %d", partition.partition()).hasSize(3);
          assertThat(racks).as("partition %d", partition.partition()).hasSize(3);
        }
      }
    }
  }

  /** The victim is a partition leader, or the active controller (which also leads partitions). */
  @ParameterizedTest(name = "kill -9 of the {0}")
  @ValueSource(strings = {"partition leader", "active controller"})
  void shouldFailOverWithoutLosingAcknowledgedRecords(String victimRole) throws Exception {
    try (BrokerCluster cluster = new BrokerCluster(workDir, 3, null, Map.of()).start();
        Admin admin = Clients.admin(cluster.bootstrapServers())) {
      awaitBrokers(admin, 3);
      admin
          .createTopics(
              List.of(
                  new NewTopic("ledger", 3, (short) 3).configs(Map.of("min.insync.replicas", "2"))))
          .all()
          .get();
      int leader =
          victimRole.equals("active controller")
              ? admin.describeCluster().controller().get().id()
              : describe(admin, "ledger").partitions().get(0).leader().id();
      Map<String, Integer> acknowledged = new ConcurrentHashMap<>();
      int total = 6000;
      try (KafkaProducer<String, String> producer =
          Clients.producer(cluster.bootstrapServers(), durable())) {
        for (int i = 0; i < total; i++) {
          String value = "entry-" + i;
          producer.send(
              new ProducerRecord<>("ledger", "key-" + (i % 31), value),
              (metadata, error) -> {
                if (error == null) {
                  acknowledged.put(value, metadata.partition());
                }
              });
          if (i == total / 3) {
            cluster.node(leader).kill();
          }
        }
        producer.flush();
      }
      await()
          .atMost(Duration.ofSeconds(30))
          .ignoreExceptions()
          .untilAsserted(
              () ->
                  assertThat(describe(admin, "ledger").partitions())
                      .allSatisfy(p -> assertThat(p.leader().id()).isNotEqualTo(leader)));
      List<ConsumerRecord<String, String>> consumed =
          readAll(cluster.bootstrapServers(), "ledger", 3, acknowledged.size());
      Map<String, Long> copies =
          consumed.stream()
              .collect(Collectors.groupingBy(ConsumerRecord::value, Collectors.counting()));
      assertThat(acknowledged).hasSize(total);
      assertThat(copies.keySet()).containsAll(acknowledged.keySet());
      assertThat(copies).allSatisfy((value, count) -> assertThat(count).as(value).isEqualTo(1L));
      assertKeysInOrder(consumed);
    }
  }

  /**
   * Two of the partition's three replicas die. Five nodes, so that the controller quorum keeps a
   * majority and can shrink the ISR (with three combined nodes, losing two also loses the quorum).
   */
  @Test
  void shouldRefuseAcksAllBelowMinInsyncReplicasAndReexpandTheIsr() throws Exception {
    try (BrokerCluster cluster = new BrokerCluster(workDir, 5, null, Map.of()).start();
        Admin admin = Clients.admin(cluster.bootstrapServers())) {
      awaitBrokers(admin, 5);
      admin
          .createTopics(
              List.of(
                  new NewTopic(
                          "guarded",
                          List.of(0).stream()
                              .collect(Collectors.toMap(p -> p, p -> List.of(1, 2, 3))))
                      .configs(Map.of("min.insync.replicas", "2"))))
          .all()
          .get();
      produceOne(cluster.bootstrapServers(), "guarded", "before");
      cluster.node(2).kill();
      cluster.node(3).kill();
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> assertThat(describe(admin, "guarded").partitions().get(0).isr()).hasSize(1));

      // No retries, so the broker's answer reaches the test instead of a delivery timeout.
      Map<String, Object> settings = new HashMap<>();
      settings.put(ProducerConfig.ACKS_CONFIG, "all");
      settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
      settings.put(ProducerConfig.RETRIES_CONFIG, 0);
      try (KafkaProducer<String, String> producer =
          Clients.producer(cluster.node(1).bootstrapServers(), settings)) {
        assertThatThrownBy(() -> producer.send(new ProducerRecord<>("guarded", "refused")).get())
            .isInstanceOf(ExecutionException.class)
            .hasCauseInstanceOf(NotEnoughReplicasException.class);
      }
      assertThat(readAll(cluster.node(1).bootstrapServers(), "guarded", 1, 1))
          .extracting(ConsumerRecord::value)
          .containsExactly("before");

      cluster.node(2).start();
      cluster.node(3).start();
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () ->
                  assertThat(ids(describe(admin, "guarded").partitions().get(0).isr()))
                      .containsExactlyInAnyOrder(1, 2, 3));
      produceOne(cluster.bootstrapServers(), "guarded", "after");
    }
  }

  @Test
  void shouldTruncateAPausedFollowerAndConvergeByteIdentical() throws Exception {
    try (BrokerCluster cluster = new BrokerCluster(workDir, 3, null, Map.of()).start();
        Admin admin = Clients.admin(cluster.bootstrapServers())) {
      awaitBrokers(admin, 3);
      admin.createTopics(List.of(new NewTopic("mirror", Map.of(0, List.of(1, 2, 3))))).all().get();
      for (int i = 0; i < 200; i++) {
        produceOne(cluster.bootstrapServers(), "mirror", "a-" + i);
      }
      cluster.node(3).pause();
      try (KafkaProducer<String, String> producer =
          Clients.producer(cluster.bootstrapServers(), durable())) {
        for (int i = 0; i < 300; i++) {
          producer.send(new ProducerRecord<>("mirror", "b-" + i)).get();
        }
      }
      cluster.node(3).resume();
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () ->
                  assertThat(ids(describe(admin, "mirror").partitions().get(0).isr()))
                      .containsExactlyInAnyOrder(1, 2, 3));
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                byte[] leaderBytes = segmentBytes(cluster.node(1).dataDir().resolve("mirror-0"));
                assertThat(segmentBytes(cluster.node(2).dataDir().resolve("mirror-0")))
                    .isEqualTo(leaderBytes);
                assertThat(segmentBytes(cluster.node(3).dataDir().resolve("mirror-0")))
                    .isEqualTo(leaderBytes);
              });
    }
  }

  @Test
  void shouldReassignAPartitionWithoutDroppingBelowMinInsyncReplicas() throws Exception {
    try (BrokerCluster cluster = new BrokerCluster(workDir, 4, null, Map.of()).start();
        Admin admin = Clients.admin(cluster.bootstrapServers())) {
      awaitBrokers(admin, 4);
      admin
          .createTopics(
              List.of(
                  new NewTopic("moving", Map.of(0, List.of(1, 2, 3)))
                      .configs(Map.of("min.insync.replicas", "2"))))
          .all()
          .get();
      try (KafkaProducer<String, String> producer =
          Clients.producer(cluster.bootstrapServers(), durable())) {
        for (int i = 0; i < 2000; i++) {
          producer.send(new ProducerRecord<>("moving", "k", "m-" + i));
        }
        producer.flush();
      }
      TopicPartition tp = new TopicPartition("moving", 0);
      java.util.concurrent.atomic.AtomicInteger smallestIsr =
          new java.util.concurrent.atomic.AtomicInteger(3);
      java.util.concurrent.atomic.AtomicBoolean watching =
          new java.util.concurrent.atomic.AtomicBoolean(true);
      Thread watcher =
          new Thread(
              () -> {
                while (watching.get()) {
                  try {
                    int isr = describe(admin, "moving").partitions().get(0).isr().size();
                    smallestIsr.accumulateAndGet(isr, Math::min);
                    Thread.sleep(50);
                  } catch (Exception e) {
                    return;
                  }
                }
              });
      watcher.start();
      admin
          .alterPartitionReassignments(
              Map.of(
                  tp,
                  java.util.Optional.of(
                      new org.apache.kafka.clients.admin.NewPartitionReassignment(
                          List.of(2, 3, 4)))))
          .all()
          .get();
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () -> {
                assertThat(admin.listPartitionReassignments().reassignments().get()).isEmpty();
                assertThat(ids(describe(admin, "moving").partitions().get(0).replicas()))
                    .containsExactly(2, 3, 4);
              });
      watching.set(false);
      watcher.join();

      assertThat(smallestIsr.get())
          .as("smallest ISR seen during the move")
          .isGreaterThanOrEqualTo(2);
      assertThat(readAll(cluster.bootstrapServers(), "moving", 1, 2000))
          .extracting(ConsumerRecord::value)
          .containsExactlyElementsOf(
              java.util.stream.IntStream.range(0, 2000).mapToObj(i -> "m-" + i).toList());
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> !Files.exists(cluster.node(1).dataDir().resolve("moving-0")));
    }
  }

  @Test
  void shouldKeepConsumingAcrossACoordinatorFailoverWithoutLosingCommits() throws Exception {
    try (BrokerCluster cluster = new BrokerCluster(workDir, 3, null, Map.of()).start();
        Admin admin = Clients.admin(cluster.bootstrapServers())) {
      awaitBrokers(admin, 3);
      admin.createTopics(List.of(new NewTopic("jobs", 3, (short) 3))).all().get();
      produceRange(cluster.bootstrapServers(), "jobs", 0, 300);
      Map<String, Object> group = Map.of("group.id", "workers", "max.poll.records", 50);
      java.util.Set<String> seen = new java.util.HashSet<>();
      try (KafkaConsumer<String, String> consumer =
          Clients.consumer(cluster.bootstrapServers(), group)) {
        consumer.subscribe(List.of("jobs"));
        Clients.pollAtLeast(consumer, 300, Duration.ofSeconds(60))
            .forEach(r -> seen.add(r.value()));
        consumer.commitSync();
        int coordinator =
            admin
                .describeConsumerGroups(List.of("workers"))
                .all()
                .get()
                .get("workers")
                .coordinator()
                .id();
        cluster.node(coordinator).kill();

        produceRange(cluster.bootstrapServers(), "jobs", 300, 600);
        Clients.pollAtLeast(consumer, 300, Duration.ofSeconds(90))
            .forEach(r -> seen.add(r.value()));
        consumer.commitSync(Duration.ofSeconds(60));
      }
      assertThat(seen).hasSize(600);
      Map<TopicPartition, org.apache.kafka.clients.consumer.OffsetAndMetadata> committed =
          admin.listConsumerGroupOffsets("workers").partitionsToOffsetAndMetadata().get();
      assertThat(committed.values().stream().mapToLong(o -> o.offset()).sum())
          .as("committed offsets cover every record")
          .isEqualTo(600);
    }
  }

  private static void produceRange(String bootstrap, String topic, int from, int to) {
    try (KafkaProducer<String, String> producer = Clients.producer(bootstrap, durable())) {
      for (int i = from; i < to; i++) {
        producer.send(new ProducerRecord<>(topic, "k-" + i, "v-" + i));
      }
      producer.flush();
    }
  }

  private static Map<String, Object> durable() {
    Map<String, Object> settings = new HashMap<>();
    settings.put(ProducerConfig.ACKS_CONFIG, "all");
    settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000);
    settings.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
    return settings;
  }

  private static void produceOne(String bootstrap, String topic, String value) throws Exception {
    try (KafkaProducer<String, String> producer = Clients.producer(bootstrap, durable())) {
      producer.send(new ProducerRecord<>(topic, value)).get();
    }
  }

  private static void awaitBrokers(Admin admin, int count) {
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> admin.describeCluster().nodes().get().size() == count);
  }

  private static TopicDescription describe(Admin admin, String topic) throws Exception {
    return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
  }

  private static List<Integer> ids(List<Node> nodes) {
    return nodes.stream().map(Node::id).toList();
  }

  private static List<ConsumerRecord<String, String>> readAll(
      String bootstrap, String topic, int partitions, int atLeast) {
    try (KafkaConsumer<String, String> consumer = Clients.consumer(bootstrap, Map.of())) {
      List<TopicPartition> all = new ArrayList<>();
      for (int p = 0; p < partitions; p++) {
        all.add(new TopicPartition(topic, p));
      }
      consumer.assign(all);
      consumer.seekToBeginning(all);
      List<ConsumerRecord<String, String>> records =
          Clients.pollAtLeast(consumer, atLeast, Duration.ofSeconds(60));
      records.addAll(Clients.pollAtLeast(consumer, Integer.MAX_VALUE, Duration.ofSeconds(2)));
      return records;
    }
  }

  private static void assertKeysInOrder(List<ConsumerRecord<String, String>> consumed) {
    Map<String, List<Integer>> sequences = new HashMap<>();
    for (ConsumerRecord<String, String> record : consumed) {
      sequences
          .computeIfAbsent(record.key(), k -> new ArrayList<>())
          .add(Integer.parseInt(record.value().substring("entry-".length())));
    }
    assertThat(sequences).allSatisfy((key, sequence) -> assertThat(sequence).as(key).isSorted());
  }

  private static byte[] segmentBytes(Path partitionDir) throws Exception {
    List<Path> segments;
    try (var files = Files.list(partitionDir)) {
      segments = files.filter(p -> p.toString().endsWith(".log")).sorted().toList();
    }
    java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
    for (Path segment : segments) {
      all.write(Files.readAllBytes(segment));
    }
    return all.toByteArray();
  }
}
