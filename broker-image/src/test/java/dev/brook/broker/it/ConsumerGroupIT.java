package dev.brook.broker.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Classic consumer groups with stock consumers: assignment, rebalances, commits, Admin views. */
class ConsumerGroupIT {

  @TempDir static Path dataDir;
  static EmbeddedBroker broker;
  static Admin admin;

  @BeforeAll
  static void startBroker() throws Exception {
    broker = EmbeddedBroker.start(dataDir);
    admin = Clients.admin(broker.bootstrapServers());
  }

  @AfterAll
  static void stopBroker() {
    admin.close();
    broker.close();
  }

  @Test
  void shouldGiveThreeMembersTwoPartitionsEachAndRebalanceWhenOneLeaves() throws Exception {
    Clients.createTopic(admin, "orders", 6);
    GroupMembers members = new GroupMembers("orders-group", "orders");
    try {
      for (int i = 0; i < 3; i++) {
        members.start("member-" + i);
      }
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () -> {
                assertThat(members.assignments()).hasSize(3);
                assertThat(members.assignments().values())
                    .allSatisfy(a -> assertThat(a).hasSize(2));
                assertThat(members.allAssigned()).hasSize(6);
              });
      ConsumerGroupDescription described =
          admin.describeConsumerGroups(List.of("orders-group")).all().get().get("orders-group");
      assertThat(described.groupState()).isEqualTo(GroupState.STABLE);
      assertThat(described.members()).hasSize(3);
      assertThat(described.members())
          .allSatisfy(m -> assertThat(m.assignment().topicPartitions()).hasSize(2));

      members.stop("member-0");
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () -> {
                assertThat(members.assignments()).hasSize(2);
                assertThat(members.assignments().values())
                    .allSatisfy(a -> assertThat(a).hasSize(3));
                assertThat(members.allAssigned()).hasSize(6);
              });
    } finally {
      members.stopAll();
    }
  }

  @Test
  void shouldExposeCommittedOffsetsThroughAdmin() throws Exception {
    Clients.createTopic(admin, "payments", 2);
    try (KafkaProducer<String, String> producer =
        Clients.producer(broker.bootstrapServers(), Map.of())) {
      for (int i = 0; i < 20; i++) {
        producer.send(new ProducerRecord<>("payments", i % 2, null, "p-" + i));
      }
      producer.flush();
    }
    try (KafkaConsumer<String, String> consumer =
        Clients.consumer(
            broker.bootstrapServers(), Map.of(ConsumerConfig.GROUP_ID_CONFIG, "payments-group"))) {
      consumer.subscribe(List.of("payments"));
      assertThat(Clients.pollAtLeast(consumer, 20, Duration.ofSeconds(30))).hasSize(20);
      consumer.commitSync();
    }
    Map<TopicPartition, OffsetAndMetadata> committed =
        admin.listConsumerGroupOffsets("payments-group").partitionsToOffsetAndMetadata().get();
    assertThat(committed)
        .containsEntry(
            new TopicPartition("payments", 0),
            new OffsetAndMetadata(
                10, committed.get(new TopicPartition("payments", 0)).leaderEpoch(), ""))
        .containsKey(new TopicPartition("payments", 1));
    assertThat(committed.get(new TopicPartition("payments", 1)).offset()).isEqualTo(10);
    List<String> groups =
        admin.listGroups().all().get().stream().map(GroupListing::groupId).toList();
    assertThat(groups).contains("payments-group");

    admin.deleteConsumerGroups(List.of("payments-group")).all().get();
    assertThat(
            admin.listConsumerGroupOffsets("payments-group").partitionsToOffsetAndMetadata().get())
        .isEmpty();
  }

  /** Consumers polling on their own threads, each recording its current assignment. */
  private final class GroupMembers {
    private final String groupId;
    private final String topic;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final Map<String, Set<TopicPartition>> assignments = new ConcurrentHashMap<>();
    private final Map<String, AtomicBoolean> running = new ConcurrentHashMap<>();

    GroupMembers(String groupId, String topic) {
      this.groupId = groupId;
      this.topic = topic;
    }

    void start(String name) {
      AtomicBoolean flag = new AtomicBoolean(true);
      running.put(name, flag);
      threads.submit(
          () -> {
            try (KafkaConsumer<String, String> consumer =
                Clients.consumer(
                    broker.bootstrapServers(),
                    Map.of(
                        ConsumerConfig.GROUP_ID_CONFIG, groupId,
                        ConsumerConfig.CLIENT_ID_CONFIG, name,
                        ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
                            "org.apache.kafka.clients.consumer.RangeAssignor"))) {
              consumer.subscribe(List.of(topic));
              while (flag.get()) {
                consumer.poll(Duration.ofMillis(100));
                assignments.put(name, Set.copyOf(consumer.assignment()));
              }
              assignments.remove(name);
            }
            return null;
          });
    }

    void stop(String name) {
      running.get(name).set(false);
      await().atMost(Duration.ofSeconds(30)).until(() -> !assignments.containsKey(name));
    }

    Map<String, Set<TopicPartition>> assignments() {
      return Map.copyOf(assignments);
    }

    Set<TopicPartition> allAssigned() {
      Set<TopicPartition> all = new HashSet<>();
      assignments.values().forEach(all::addAll);
      return all;
    }

    void stopAll() throws InterruptedException {
      running.values().forEach(f -> f.set(false));
      threads.shutdown();
      threads.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);
    }
  }
}
