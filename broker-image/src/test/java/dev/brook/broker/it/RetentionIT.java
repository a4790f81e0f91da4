package dev.brook.broker.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retention deletes whole old segments in the background (never on read): the earliest offset moves
 * forward, and a consumer positioned before it gets the reset behaviour it configured.
 */
class RetentionIT {

  private static final String SMALL_SEGMENTS = "2048";

  @TempDir static Path dataDir;
  static EmbeddedBroker broker;
  static Admin admin;

  @BeforeAll
  static void startBroker() throws Exception {
    broker = EmbeddedBroker.start(dataDir, Map.of("log.retention.check.interval.ms", "200"));
    admin = Clients.admin(broker.bootstrapServers());
  }

  @AfterAll
  static void stopBroker() {
    admin.close();
    broker.close();
  }

  @Test
  void shouldDeleteSegmentsOlderThanRetentionMs() throws Exception {
    createTopic("expiring", Map.of("retention.ms", "3600000"));
    long twoHoursAgo = System.currentTimeMillis() - 7_200_000L;
    produce("expiring", 0, 100, twoHoursAgo);
    produce("expiring", 100, 200, System.currentTimeMillis());
    TopicPartition tp = new TopicPartition("expiring", 0);

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(earliestOffset(tp)).isBetween(1L, 100L));
    assertThat(latestOffset(tp)).isEqualTo(200);
    List<ConsumerRecord<String, String>> remaining = readFrom(tp, "earliest");
    assertThat(remaining).extracting(ConsumerRecord::value).contains("value-100", "value-199");
    assertThat(remaining.get(0).offset()).isEqualTo(earliestOffset(tp));
  }

  @Test
  void shouldKeepPartitionsWithinRetentionBytes() throws Exception {
    createTopic("bounded", Map.of("retention.bytes", "8192"));
    produce("bounded", 0, 400, System.currentTimeMillis());
    TopicPartition tp = new TopicPartition("bounded", 0);

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(earliestOffset(tp)).isGreaterThan(300));
    assertThat(latestOffset(tp)).isEqualTo(400);
    assertThat(readFrom(tp, "earliest")).extracting(ConsumerRecord::value).endsWith("value-399");
  }

  @Test
  void shouldResetOrFailConsumersPositionedBeforeTheEarliestOffset() throws Exception {
    createTopic("reset", Map.of("retention.bytes", "4096"));
    produce("reset", 0, 300, System.currentTimeMillis());
    TopicPartition tp = new TopicPartition("reset", 0);
    await().atMost(Duration.ofSeconds(30)).until(() -> earliestOffset(tp) > 0);
    long earliest = earliestOffset(tp);

    try (KafkaConsumer<String, String> consumer =
        Clients.consumer(
            broker.bootstrapServers(),
            Map.of(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"))) {
      consumer.assign(List.of(tp));
      consumer.seek(tp, 0);
      List<ConsumerRecord<String, String>> records =
          Clients.pollAtLeast(consumer, 1, Duration.ofSeconds(20));
      assertThat(records.get(0).offset()).isGreaterThanOrEqualTo(earliest);
    }
    try (KafkaConsumer<String, String> consumer =
        Clients.consumer(
            broker.bootstrapServers(), Map.of(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none"))) {
      consumer.assign(List.of(tp));
      consumer.seek(tp, 0);
      assertThatThrownBy(() -> Clients.pollAtLeast(consumer, 1, Duration.ofSeconds(20)))
          .isInstanceOf(OffsetOutOfRangeException.class);
    }
  }

  private static void createTopic(String name, Map<String, String> configs) throws Exception {
    Map<String, String> all = new java.util.HashMap<>(configs);
    all.put("internal.segment.bytes", SMALL_SEGMENTS);
    admin.createTopics(List.of(new NewTopic(name, 1, (short) 1).configs(all))).all().get();
  }

  private static void produce(String topic, int from, int to, long timestamp) {
    try (KafkaProducer<String, String> producer =
        Clients.producer(broker.bootstrapServers(), Map.of())) {
      for (int i = from; i < to; i++) {
        producer.send(new ProducerRecord<>(topic, 0, timestamp, "k".repeat(64), "value-" + i));
        producer.flush();
      }
    }
  }

  private static long earliestOffset(TopicPartition tp) {
    try (KafkaConsumer<String, String> consumer =
        Clients.consumer(broker.bootstrapServers(), Map.of())) {
      return consumer.beginningOffsets(List.of(tp)).get(tp);
    }
  }

  private static long latestOffset(TopicPartition tp) {
    try (KafkaConsumer<String, String> consumer =
        Clients.consumer(broker.bootstrapServers(), Map.of())) {
      return consumer.endOffsets(List.of(tp)).get(tp);
    }
  }

  private static List<ConsumerRecord<String, String>> readFrom(TopicPartition tp, String reset) {
    try (KafkaConsumer<String, String> consumer =
        Clients.consumer(
            broker.bootstrapServers(), Map.of(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, reset))) {
      consumer.assign(List.of(tp));
      return Clients.pollAtLeast(consumer, Integer.MAX_VALUE, Duration.ofSeconds(3));
    }
  }
}
