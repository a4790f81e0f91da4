package dev.brook.compat;

import static dev.brook.compat.Clients39.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.ConsumerGroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * kafka-clients 3.9.1, what long-lived services still run, against the packaged broker alone and as
 * a three-node quorum. 3.9 sends older versions than 4.x where the two differ: Metadata 12 (4.x:
 * 13), Produce 11 (13, so topic names instead of ids), ListOffsets 9 (10-11), DescribeCluster 1
 * (2), DescribeGroups 5 (6); Fetch 17, OffsetCommit/OffsetFetch 9 and FindCoordinator 6 are the
 * same; it has no DescribeTopicPartitions fallback issue because Brook does not advertise it.
 */
class KafkaClients39IT {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  @ParameterizedTest
  @EnumSource(Topology.class)
  void shouldServeAdminTopicAndConfigCallsFrom39(Topology topology) throws Exception {
    String topic = unique("admin39", topology);
    try (Admin admin = Clients39.admin(topology)) {
      createTopic(admin, topic, 2, topology);
      assertThat(admin.listTopics().names().get()).contains(topic);

      TopicDescription description = describe(admin, topic);
      assertThat(description.partitions()).hasSize(2);
      description
          .partitions()
          .forEach(p -> assertThat(p.replicas()).hasSize(topology.replicationFactor()));

      DescribeClusterResult cluster = admin.describeCluster();
      assertThat(cluster.clusterId().get()).isNotBlank();
      assertThat(cluster.nodes().get()).hasSize(topology.nodes());
      assertThat(cluster.controller().get()).isNotNull();

      ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
      AlterConfigOp setRetention =
          new AlterConfigOp(new ConfigEntry("retention.ms", "3600000"), AlterConfigOp.OpType.SET);
      admin.incrementalAlterConfigs(Map.of(resource, List.of(setRetention))).all().get();
      await()
          .atMost(TIMEOUT)
          .untilAsserted(
              () -> {
                ConfigEntry retention = topicConfig(admin, resource).get("retention.ms");
                assertThat(retention.value()).isEqualTo("3600000");
                assertThat(retention.source())
                    .isEqualTo(ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG);
              });
      assertThat(topicConfig(admin, resource).get("cleanup.policy").value()).isEqualTo("delete");

      admin.createPartitions(Map.of(topic, NewPartitions.increaseTo(3))).all().get();
      await()
          .atMost(TIMEOUT)
          .untilAsserted(() -> assertThat(describe(admin, topic).partitions()).hasSize(3));

      admin.deleteTopics(List.of(topic)).all().get();
      await()
          .atMost(TIMEOUT)
          .untilAsserted(() -> assertThat(admin.listTopics().names().get()).doesNotContain(topic));
    }
  }

  @ParameterizedTest
  @EnumSource(Topology.class)
  void shouldListOffsetsAndDeleteRecordsFrom39(Topology topology) throws Exception {
    String topic = unique("offsets39", topology);
    TopicPartition tp = new TopicPartition(topic, 0);
    long baseTimestamp = System.currentTimeMillis() - 60_000;
    try (Admin admin = Clients39.admin(topology);
        KafkaProducer<String, String> producer = Clients39.producer(topology, "all")) {
      createTopic(admin, topic, 1, topology);
      assertThat(listOffset(admin, tp, OffsetSpec.earliest()).offset()).isZero();
      assertThat(listOffset(admin, tp, OffsetSpec.latest()).offset()).isZero();

      List<Future<RecordMetadata>> sent = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        // Timestamps rise to offset 6, then fall: the max timestamp is not the last record's.
        long timestamp = baseTimestamp + 1_000L * (i <= 6 ? i : 12 - i);
        sent.add(producer.send(new ProducerRecord<>(topic, 0, timestamp, "k" + i, "v" + i)));
      }
      for (int i = 0; i < sent.size(); i++) {
        assertThat(sent.get(i).get().offset()).isEqualTo(i);
      }

      assertThat(listOffset(admin, tp, OffsetSpec.earliest()).offset()).isZero();
      assertThat(listOffset(admin, tp, OffsetSpec.latest()).offset()).isEqualTo(10);
      ListOffsetsResultInfo byTime =
          listOffset(admin, tp, OffsetSpec.forTimestamp(baseTimestamp + 4_500));
      assertThat(byTime.offset()).isEqualTo(5);
      assertThat(byTime.timestamp()).isEqualTo(baseTimestamp + 5_000);
      ListOffsetsResultInfo max = listOffset(admin, tp, OffsetSpec.maxTimestamp());
      assertThat(max.offset()).isEqualTo(6);
      assertThat(max.timestamp()).isEqualTo(baseTimestamp + 6_000);

      long low =
          admin
              .deleteRecords(Map.of(tp, RecordsToDelete.beforeOffset(4)))
              .lowWatermarks()
              .get(tp)
              .get()
              .lowWatermark();
      assertThat(low).isEqualTo(4);
      assertThat(listOffset(admin, tp, OffsetSpec.earliest()).offset()).isEqualTo(4);
      assertThat(Clients39.readFromStart(topology, List.of(tp), 6))
          .extracting(ConsumerRecord::offset)
          .containsExactly(4L, 5L, 6L, 7L, 8L, 9L);
    }
  }

  @ParameterizedTest
  @EnumSource(Topology.class)
  void shouldAcknowledgeAndStoreWhatEachAcksSettingSends(Topology topology) throws Exception {
    String topic = unique("acks39", topology);
    List<String> settings = List.of("all", "1", "0");
    try (Admin admin = Clients39.admin(topology)) {
      createTopic(admin, topic, settings.size(), topology);
    }
    for (int p = 0; p < settings.size(); p++) {
      String acks = settings.get(p);
      try (KafkaProducer<String, String> producer = Clients39.producer(topology, acks)) {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
          sent.add(producer.send(new ProducerRecord<>(topic, p, "k" + i, acks + "-" + i)));
        }
        producer.flush();
        for (int i = 0; i < sent.size(); i++) {
          RecordMetadata metadata = sent.get(i).get(30, TimeUnit.SECONDS);
          assertThat(metadata.partition()).isEqualTo(p);
          // acks=0 gets no answer, so the client cannot know the offset.
          assertThat(metadata.offset()).isEqualTo("0".equals(acks) ? -1L : i);
        }
      }
    }
    List<TopicPartition> partitions =
        IntStream.range(0, settings.size()).mapToObj(p -> new TopicPartition(topic, p)).toList();
    Map<Integer, List<String>> values =
        Clients39.readFromStart(topology, partitions, 60).stream()
            .collect(
                Collectors.groupingBy(
                    ConsumerRecord::partition,
                    Collectors.mapping(ConsumerRecord::value, Collectors.toList())));
    for (int p = 0; p < settings.size(); p++) {
      String acks = settings.get(p);
      assertThat(values.get(p))
          .as("acks=%s", acks)
          .containsExactlyElementsOf(IntStream.range(0, 20).mapToObj(i -> acks + "-" + i).toList());
    }
  }

  @ParameterizedTest
  @EnumSource(Topology.class)
  void shouldSplitPartitionsCommitAndResumeInAClassicGroup(Topology topology) throws Exception {
    String topic = unique("group39", topology);
    String group = unique("g39", topology);
    int partitions = 4;
    int perPartition = 5;
    try (Admin admin = Clients39.admin(topology)) {
      createTopic(admin, topic, partitions, topology);

      Map<TopicPartition, List<ConsumerRecord<String, String>>> received = new HashMap<>();
      Map<String, Set<TopicPartition>> assignments = new HashMap<>();
      try (KafkaConsumer<String, String> first = Clients39.consumer(topology, group);
          KafkaConsumer<String, String> second = Clients39.consumer(topology, group)) {
        first.subscribe(List.of(topic));
        second.subscribe(List.of(topic));
        // Both members hold partitions before anything is produced, so no record is read twice
        // across a rebalance.
        pollBothUntil(
            first,
            second,
            received,
            () ->
                !first.assignment().isEmpty()
                    && !second.assignment().isEmpty()
                    && first.assignment().size() + second.assignment().size() == partitions);
        assignments.put("first", new HashSet<>(first.assignment()));
        assignments.put("second", new HashSet<>(second.assignment()));
        produceWithHeaders(topology, topic, partitions, 0, perPartition);
        pollBothUntil(first, second, received, () -> total(received) >= partitions * perPartition);
        assertThat(first.assignment()).isEqualTo(assignments.get("first"));

        ConsumerGroupDescription running =
            admin.describeConsumerGroups(List.of(group)).describedGroups().get(group).get();
        assertThat(running.state()).isEqualTo(ConsumerGroupState.STABLE);
        assertThat(running.members()).hasSize(2);
        assertThat(running.partitionAssignor()).isNotBlank();

        first.commitSync();
        second.commitSync();
      }
      assertThat(assignments.get("first")).doesNotContainAnyElementsOf(assignments.get("second"));
      assertRecords(received, 0, perPartition);

      Collection<ConsumerGroupListing> listed = admin.listConsumerGroups().all().get();
      assertThat(listed).extracting(ConsumerGroupListing::groupId).contains(group);
      Map<TopicPartition, OffsetAndMetadata> committed = committed(admin, group);
      assertThat(committed).hasSize(partitions);
      committed.values().forEach(o -> assertThat(o.offset()).isEqualTo(perPartition));

      // Rewind one partition by two records through Admin, produce more, and resume.
      TopicPartition rewound = new TopicPartition(topic, 0);
      admin
          .alterConsumerGroupOffsets(
              group, Map.of(rewound, new OffsetAndMetadata(perPartition - 2)))
          .all()
          .get();
      assertThat(committed(admin, group).get(rewound).offset()).isEqualTo(perPartition - 2);
      produceWithHeaders(topology, topic, partitions, perPartition, 3);

      Map<TopicPartition, List<ConsumerRecord<String, String>>> resumed = new HashMap<>();
      try (KafkaConsumer<String, String> restarted = Clients39.consumer(topology, group)) {
        restarted.subscribe(List.of(topic));
        int expected = partitions * 3 + 2;
        await()
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(10))
            .until(() -> pollInto(restarted, resumed) >= 0 && total(resumed) >= expected);
        restarted.commitSync();
        assertThat(total(resumed)).isEqualTo(expected);
      }
      assertThat(resumed.get(rewound)).extracting(ConsumerRecord::offset).startsWith(3L, 4L, 5L);
      for (int p = 1; p < partitions; p++) {
        assertThat(resumed.get(new TopicPartition(topic, p)))
            .extracting(ConsumerRecord::offset)
            .containsExactly(5L, 6L, 7L);
      }
      committed(admin, group).values().forEach(o -> assertThat(o.offset()).isEqualTo(8));
      ConsumerGroupDescription empty =
          admin.describeConsumerGroups(List.of(group)).describedGroups().get(group).get();
      assertThat(empty.state()).isEqualTo(ConsumerGroupState.EMPTY);
    }
  }

  private static void createTopic(Admin admin, String topic, int partitions, Topology topology)
      throws Exception {
    // Right after start a broker may accept clients before every node registered (known, being
    // fixed on main); placement would then refuse a replica per node.
    await()
        .atMost(TIMEOUT)
        .until(() -> admin.describeCluster().nodes().get().size() == topology.nodes());
    admin
        .createTopics(
            List.of(new NewTopic(topic, partitions, (short) topology.replicationFactor())))
        .all()
        .get();
    // Every broker must know the topic (and its leaders) before clients are pointed at it.
    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () ->
                assertThat(describe(admin, topic).partitions())
                    .hasSize(partitions)
                    .allSatisfy(p -> assertThat(p.leader()).isNotNull()));
  }

  private static TopicDescription describe(Admin admin, String topic) throws Exception {
    return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
  }

  private static Map<String, ConfigEntry> topicConfig(Admin admin, ConfigResource resource)
      throws Exception {
    Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
    return config.entries().stream().collect(Collectors.toMap(ConfigEntry::name, e -> e));
  }

  private static ListOffsetsResultInfo listOffset(Admin admin, TopicPartition tp, OffsetSpec spec)
      throws Exception {
    return admin.listOffsets(Map.of(tp, spec)).partitionResult(tp).get();
  }

  private static Map<TopicPartition, OffsetAndMetadata> committed(Admin admin, String group)
      throws Exception {
    return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
  }

  /** {@code count} records per partition, numbered from {@code from}, each with two headers. */
  private static void produceWithHeaders(
      Topology topology, String topic, int partitions, int from, int count) throws Exception {
    try (KafkaProducer<String, String> producer = Clients39.producer(topology, "all")) {
      List<Future<RecordMetadata>> sent = new ArrayList<>();
      for (int i = from; i < from + count; i++) {
        for (int p = 0; p < partitions; p++) {
          RecordHeaders headers = new RecordHeaders();
          headers.add(
              new RecordHeader("seq", Integer.toString(i).getBytes(StandardCharsets.UTF_8)));
          headers.add(new RecordHeader("partition", new byte[] {(byte) p}));
          sent.add(
              producer.send(
                  new ProducerRecord<>(
                      topic, p, "key-" + p + "-" + i, "value-" + p + "-" + i, headers)));
        }
      }
      for (Future<RecordMetadata> future : sent) {
        future.get(30, TimeUnit.SECONDS);
      }
    }
  }

  /** Polls both members in turn, keeping what they read, until {@code done} holds. */
  private static void pollBothUntil(
      KafkaConsumer<String, String> first,
      KafkaConsumer<String, String> second,
      Map<TopicPartition, List<ConsumerRecord<String, String>>> received,
      java.util.function.BooleanSupplier done) {
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(10))
        .until(
            () -> {
              pollInto(first, received);
              pollInto(second, received);
              return done.getAsBoolean();
            });
  }

  private static int pollInto(
      KafkaConsumer<String, String> consumer,
      Map<TopicPartition, List<ConsumerRecord<String, String>>> into) {
    int count = 0;
    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
      into.computeIfAbsent(
              new TopicPartition(record.topic(), record.partition()), k -> new ArrayList<>())
          .add(record);
      count++;
    }
    return count;
  }

  private static int total(Map<TopicPartition, List<ConsumerRecord<String, String>>> records) {
    return records.values().stream().mapToInt(List::size).sum();
  }

  /** Each partition holds exactly records {@code from..from+count-1}, in order, intact. */
  private static void assertRecords(
      Map<TopicPartition, List<ConsumerRecord<String, String>>> received, int from, int count) {
    received.forEach(
        (tp, records) -> {
          int p = tp.partition();
          assertThat(records)
              .extracting(ConsumerRecord::offset)
              .containsExactlyElementsOf(
                  IntStream.range(from, from + count).mapToObj(i -> (long) i).toList());
          for (ConsumerRecord<String, String> record : records) {
            long i = record.offset();
            assertThat(record.key()).isEqualTo("key-" + p + "-" + i);
            assertThat(record.value()).isEqualTo("value-" + p + "-" + i);
            assertThat(
                    new String(record.headers().lastHeader("seq").value(), StandardCharsets.UTF_8))
                .isEqualTo(Long.toString(i));
            assertThat(record.headers().lastHeader("partition").value()).containsExactly((byte) p);
          }
        });
    assertThat(received).hasSize(4);
  }
}
