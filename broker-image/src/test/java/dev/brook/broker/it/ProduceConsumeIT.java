package dev.brook.broker.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Stock producers and consumers against one in-process broker. */
class ProduceConsumeIT {

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
  void shouldKeepEachKeyInOnePartitionInSendOrder() throws Exception {
    Clients.createTopic(admin, "keyed", 6);
    try (KafkaProducer<String, String> producer =
        Clients.producer(broker.bootstrapServers(), Map.of(ProducerConfig.ACKS_CONFIG, "all"))) {
      for (int seq = 0; seq < 50; seq++) {
        for (int key = 0; key < 10; key++) {
          producer.send(new ProducerRecord<>("keyed", "key-" + key, Integer.toString(seq)));
        }
      }
      producer.flush();
    }
    List<ConsumerRecord<String, String>> records = consumeAll("keyed", 500);

    assertThat(records).hasSize(500);
    Map<String, Set<Integer>> partitionsByKey = new HashMap<>();
    Map<String, List<Integer>> sequenceByKey = new HashMap<>();
    for (ConsumerRecord<String, String> record : records) {
      partitionsByKey.computeIfAbsent(record.key(), k -> new HashSet<>()).add(record.partition());
      sequenceByKey
          .computeIfAbsent(record.key(), k -> new ArrayList<>())
          .add(Integer.parseInt(record.value()));
    }
    assertThat(partitionsByKey)
        .hasSize(10)
        .allSatisfy((key, partitions) -> assertThat(partitions).hasSize(1));
    assertThat(sequenceByKey)
        .allSatisfy(
            (key, sequence) -> assertThat(sequence).isSorted().hasSize(50).doesNotHaveDuplicates());
    assertThat(partitionsByKey.values().stream().flatMap(Set::stream).distinct().count())
        .as("10 keys hash onto more than one of 6 partitions")
        .isGreaterThan(1);
  }

  @ParameterizedTest(name = "acks={0}")
  @ValueSource(strings = {"0", "1", "all"})
  void shouldDeliverEveryRecordWithAcks(String acks) throws Exception {
    String topic = "acks-" + acks;
    Clients.createTopic(admin, topic, 1);
    List<Future<RecordMetadata>> sent = new ArrayList<>();
    Map<String, Object> settings = new HashMap<>();
    settings.put(ProducerConfig.ACKS_CONFIG, acks);
    if (acks.equals("0")) {
      settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
    }
    try (KafkaProducer<String, String> producer =
        Clients.producer(broker.bootstrapServers(), settings)) {
      for (int i = 0; i < 300; i++) {
        sent.add(producer.send(new ProducerRecord<>(topic, null, "value-" + i)));
      }
      producer.flush();
    }
    List<Long> offsets = new ArrayList<>();
    for (Future<RecordMetadata> future : sent) {
      offsets.add(future.get().offset());
    }
    List<ConsumerRecord<String, String>> records = consumeAll(topic, 300);

    assertThat(records).extracting(ConsumerRecord::value).containsExactlyElementsOf(values(300));
    assertThat(records).extracting(ConsumerRecord::offset).containsExactlyElementsOf(range(300));
    if (acks.equals("0")) {
      assertThat(offsets).as("acks=0 gets no offsets back").containsOnly(-1L);
    } else {
      assertThat(offsets).containsExactlyElementsOf(range(300));
    }
  }

  @Test
  void shouldRoundTripHeadersAndTimestamps() throws Exception {
    Clients.createTopic(admin, "headers", 1);
    long timestamp = 1_700_000_000_123L;
    RecordHeaders headers = new RecordHeaders();
    headers.add(new RecordHeader("trace", "abc".getBytes(StandardCharsets.UTF_8)));
    headers.add(new RecordHeader("empty", new byte[0]));
    headers.add(new RecordHeader("trace", "second".getBytes(StandardCharsets.UTF_8)));
    try (KafkaProducer<String, String> producer =
        Clients.producer(broker.bootstrapServers(), Map.of())) {
      producer.send(new ProducerRecord<>("headers", 0, timestamp, "k", "v", headers)).get();
    }
    ConsumerRecord<String, String> record = consumeAll("headers", 1).get(0);

    assertThat(record.timestamp()).isEqualTo(timestamp);
    assertThat(record.timestampType()).isEqualTo(TimestampType.CREATE_TIME);
    assertThat(record.headers().toArray()).containsExactly(headers.toArray());
    assertThat(record.key()).isEqualTo("k");
    assertThat(record.value()).isEqualTo("v");
  }

  @Test
  void shouldSpreadNullKeysOverPartitions() throws Exception {
    Clients.createTopic(admin, "unkeyed", 6);
    try (KafkaProducer<String, String> producer =
        Clients.producer(
            broker.bootstrapServers(),
            Map.of(ProducerConfig.BATCH_SIZE_CONFIG, 1024, ProducerConfig.LINGER_MS_CONFIG, 0))) {
      for (int i = 0; i < 3000; i++) {
        producer.send(new ProducerRecord<>("unkeyed", null, "value-" + i + "-" + "x".repeat(100)));
      }
      producer.flush();
    }
    List<ConsumerRecord<String, String>> records = consumeAll("unkeyed", 3000);

    assertThat(records).hasSize(3000);
    Set<Integer> used = new HashSet<>();
    records.forEach(r -> used.add(r.partition()));
    assertThat(used).hasSizeGreaterThanOrEqualTo(4);
  }

  private static List<ConsumerRecord<String, String>> consumeAll(String topic, int expected) {
    try (KafkaConsumer<String, String> consumer =
        Clients.consumer(broker.bootstrapServers(), Map.of())) {
      List<TopicPartition> partitions = new ArrayList<>();
      consumer
          .partitionsFor(topic)
          .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      return Clients.pollAtLeast(consumer, expected, Duration.ofSeconds(30));
    }
  }

  private static List<String> values(int count) {
    List<String> values = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      values.add("value-" + i);
    }
    return values;
  }

  private static List<Long> range(int count) {
    List<Long> offsets = new ArrayList<>();
    for (long i = 0; i < count; i++) {
      offsets.add(i);
    }
    return offsets;
  }
}
