package dev.brook.broker.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.utils.Time;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Stock kafka-clients consumers and Admin against the coordinator over loopback: join, rebalance on
 * join and leave, commit, describe, list, delete.
 */
class GroupCoordinatorClientIT {
  private static final String GROUP = "it-group";
  private static final Duration POLL = Duration.ofMillis(100);

  private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
  private GroupCoordinator coordinator;
  private GroupOnlyBroker broker;

  /** The oldest group API versions kafka-clients 4.x consumers and Admin still work with. */
  private static final Map<ApiKeys, Short> OLD_VERSIONS =
      Map.of(
          ApiKeys.JOIN_GROUP, (short) 3,
          ApiKeys.SYNC_GROUP, (short) 2,
          ApiKeys.HEARTBEAT, (short) 2,
          ApiKeys.LEAVE_GROUP, (short) 2,
          ApiKeys.OFFSET_COMMIT, (short) 5,
          ApiKeys.OFFSET_FETCH, (short) 5,
          ApiKeys.LIST_GROUPS, (short) 2,
          ApiKeys.DESCRIBE_GROUPS, (short) 2,
          ApiKeys.DELETE_GROUPS, (short) 1);

  private void start(Map<ApiKeys, Short> maxVersions) throws Exception {
    GroupCoordinatorConfig config =
        GroupCoordinatorConfig.defaults()
            .withOffsetsTopicPartitions(1)
            .withInitialRebalanceDelayMs(0);
    coordinator =
        new GroupCoordinator(config, Time.SYSTEM, scheduler, new InMemoryOffsetsLog(), tp -> true);
    coordinator.onElection(0);
    broker = new GroupOnlyBroker(coordinator, maxVersions);
  }

  static Stream<Arguments> versionProfiles() {
    return Stream.of(Arguments.of("latest", Map.of()), Arguments.of("old", OLD_VERSIONS));
  }

  @AfterEach
  void stop() throws Exception {
    if (broker == null) {
      return;
    }
    broker.close();
    coordinator.close();
    scheduler.shutdownNow();
  }

  private KafkaConsumer<byte[], byte[]> consumer(String clientId) {
    return consumer(clientId, null);
  }

  private KafkaConsumer<byte[], byte[]> consumer(String clientId, String instanceId) {
    Properties props = new Properties();
    if (instanceId != null) {
      props.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, instanceId);
    }
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP);
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    return new KafkaConsumer<>(props);
  }

  private Admin admin() {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap());
    return Admin.create(props);
  }

  @ParameterizedTest(name = "{0} group API versions")
  @MethodSource("versionProfiles")
  void shouldRebalanceCommitDescribeAndDeleteWithStockClients(
      String profile, Map<ApiKeys, Short> maxVersions) throws Exception {
    start(maxVersions);
    TopicPartition p0 = new TopicPartition(GroupOnlyBroker.TOPIC, 0);
    TopicPartition p1 = new TopicPartition(GroupOnlyBroker.TOPIC, 1);
    try (KafkaConsumer<byte[], byte[]> first = consumer("first");
        Admin admin = admin()) {
      first.subscribe(List.of(GroupOnlyBroker.TOPIC));
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> pollAll(first).assignment().equals(Set.of(p0, p1)));
      first.commitSync(Map.of(p0, new OffsetAndMetadata(5L, "note")));
      assertThat(first.committed(Set.of(p0)).get(p0).offset()).isEqualTo(5L);

      try (KafkaConsumer<byte[], byte[]> second = consumer("second")) {
        second.subscribe(List.of(GroupOnlyBroker.TOPIC));
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () -> {
                  pollAll(first, second);
                  return first.assignment().size() == 1 && second.assignment().size() == 1;
                });
        ConsumerGroupDescription described =
            admin.describeConsumerGroups(List.of(GROUP)).all().get().get(GROUP);
        assertThat(described.groupState()).isEqualTo(GroupState.STABLE);
        assertThat(described.members()).hasSize(2);
        assertThat(described.partitionAssignor()).isNotEmpty();
      }
      // second.close() sent LeaveGroup: first gets everything back
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> pollAll(first).assignment().equals(Set.of(p0, p1)));

      assertThat(admin.listGroups().all().get()).extracting(GroupListing::groupId).contains(GROUP);
      assertThat(
              admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata().get().get(p0))
          .isEqualTo(new OffsetAndMetadata(5L, "note"));
    }
    try (Admin admin = admin()) {
      admin.deleteConsumerGroups(List.of(GROUP)).all().get();
      assertThat(admin.listGroups().all().get())
          .extracting(GroupListing::groupId)
          .doesNotContain(GROUP);
    }
  }

  @Test
  void shouldLetRestartedStaticMemberTakeOverItsAssignmentWithoutWaitingForSessionExpiry()
      throws Exception {
    start(Map.of());
    Set<TopicPartition> all =
        Set.of(
            new TopicPartition(GroupOnlyBroker.TOPIC, 0),
            new TopicPartition(GroupOnlyBroker.TOPIC, 1));
    try (KafkaConsumer<byte[], byte[]> before = consumer("before", "instance-1")) {
      before.subscribe(List.of(GroupOnlyBroker.TOPIC));
      await().atMost(Duration.ofSeconds(30)).until(() -> pollAll(before).assignment().equals(all));
    }
    // A static member does not leave the group on close: the restarted instance replaces it.
    try (KafkaConsumer<byte[], byte[]> after = consumer("after", "instance-1");
        Admin admin = admin()) {
      after.subscribe(List.of(GroupOnlyBroker.TOPIC));
      await().atMost(Duration.ofSeconds(10)).until(() -> pollAll(after).assignment().equals(all));

      ConsumerGroupDescription described =
          admin.describeConsumerGroups(List.of(GROUP)).all().get().get(GROUP);
      assertThat(described.members())
          .singleElement()
          .satisfies(
              m -> {
                assertThat(m.groupInstanceId()).contains("instance-1");
                assertThat(m.clientId()).isEqualTo("after");
                assertThat(m.assignment().topicPartitions()).isEqualTo(all);
              });
    }
  }

  @Test
  void shouldKeepMembershipAndOffsetsWhenCoordinatorFailsOverToReloadedState() throws Exception {
    start(Map.of());
    TopicPartition p0 = new TopicPartition(GroupOnlyBroker.TOPIC, 0);
    Set<TopicPartition> all = Set.of(p0, new TopicPartition(GroupOnlyBroker.TOPIC, 1));
    try (KafkaConsumer<byte[], byte[]> consumer = consumer("survivor");
        Admin admin = admin()) {
      consumer.subscribe(List.of(GroupOnlyBroker.TOPIC));
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> pollAll(consumer).assignment().equals(all));
      consumer.commitSync(Map.of(p0, new OffsetAndMetadata(9L)));

      coordinator.onResignation(0);
      coordinator.onElection(0); // reload from the offsets log, as a new coordinator would

      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  admin.describeConsumerGroups(List.of(GROUP)).all().get().get(GROUP).groupState()
                      == GroupState.STABLE);
      for (int i = 0; i < 40; i++) { // ~4 s: heartbeats reach the reloaded group
        pollAll(consumer);
      }
      assertThat(consumer.assignment()).isEqualTo(all);
      assertThat(consumer.committed(Set.of(p0)).get(p0).offset()).isEqualTo(9L);
      ConsumerGroupDescription described =
          admin.describeConsumerGroups(List.of(GROUP)).all().get().get(GROUP);
      assertThat(described.members())
          .singleElement()
          .satisfies(m -> assertThat(m.clientId()).isEqualTo("survivor"));
    }
  }

  @SafeVarargs
  private static KafkaConsumer<byte[], byte[]> pollAll(KafkaConsumer<byte[], byte[]>... consumers) {
    for (KafkaConsumer<byte[], byte[]> consumer : consumers) {
      consumer.poll(POLL);
    }
    return consumers[0];
  }
}
