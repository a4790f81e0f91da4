package dev.brook.broker.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brook.testing.BrokerProcess;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/** SIGKILL of the broker process: acknowledged data survives, exactly once; torn tails are cut. */
class CrashRecoveryIT {

  private static final long SEED = 20261125L;

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path workDir;

  @Test
  void shouldKeepEveryAcknowledgedRecordExactlyOnceAcrossKillMinus9() throws Exception {
    int total = 20_000;
    try (BrokerProcess broker = new BrokerProcess(workDir.resolve("data"), Map.of()).start()) {
      try (Admin admin = Clients.admin(broker.bootstrapServers())) {
        Clients.createTopic(admin, "payments", 3);
      }
      Map<String, Object> settings = new HashMap<>();
      settings.put(ProducerConfig.ACKS_CONFIG, "all");
      settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
      settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000);
      settings.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
      settings.put(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, 100);
      List<Future<RecordMetadata>> sends = new ArrayList<>();
      Map<String, Integer> acknowledgedAt = new ConcurrentHashMap<>();
      try (KafkaProducer<String, String> producer =
          Clients.producer(broker.bootstrapServers(), settings)) {
        for (int i = 0; i < total; i++) {
          String value = "payment-" + i;
          sends.add(
              producer.send(
                  new ProducerRecord<>("payments", "account-" + (i % 97), value),
                  (metadata, error) -> {
                    if (error == null) {
                      acknowledgedAt.put(value, metadata.partition());
                    }
                  }));
          if (i == total / 2) {
            broker.kill();
            broker.start();
          }
        }
        producer.flush();
      }
      long failed = sends.stream().filter(CrashRecoveryIT::failed).count();
      List<ConsumerRecord<String, String>> consumed =
          consumeAll(broker, "payments", 3, acknowledgedAt.size());
      Map<String, Long> copies =
          consumed.stream()
              .collect(Collectors.groupingBy(ConsumerRecord::value, Collectors.counting()));

      assertThat(acknowledgedAt).as("acknowledged sends").hasSizeGreaterThan(total / 2);
      assertThat(copies.keySet()).containsAll(acknowledgedAt.keySet());
      assertThat(copies).allSatisfy((value, count) -> assertThat(count).as(value).isEqualTo(1L));
      assertThat(failed + acknowledgedAt.size()).isEqualTo(total);
      assertPerKeyOrder(consumed);
    }
  }

  @Test
  void shouldTruncateGarbageAppendedToTheActiveSegmentAndKeepServing() throws Exception {
    try (BrokerProcess broker = new BrokerProcess(workDir.resolve("data"), Map.of()).start()) {
      try (Admin admin = Clients.admin(broker.bootstrapServers())) {
        Clients.createTopic(admin, "ledger", 1);
      }
      try (KafkaProducer<String, String> producer =
          Clients.producer(broker.bootstrapServers(), Map.of(ProducerConfig.ACKS_CONFIG, "all"))) {
        for (int i = 0; i < 500; i++) {
          producer.send(new ProducerRecord<>("ledger", "k", "entry-" + i)).get();
        }
      }
      broker.kill();
      appendGarbage(activeSegment(broker.dataDir().resolve("ledger-0")), 4096);
      broker.start();

      try (KafkaProducer<String, String> producer =
          Clients.producer(broker.bootstrapServers(), Map.of())) {
        RecordMetadata next = producer.send(new ProducerRecord<>("ledger", "k", "entry-500")).get();
        assertThat(next.offset())
            .as("appends continue right after the last valid batch")
            .isEqualTo(500);
      }
      List<ConsumerRecord<String, String>> records = consumeAll(broker, "ledger", 1, 501);
      assertThat(records)
          .extracting(ConsumerRecord::value)
          .containsExactlyElementsOf(
              java.util.stream.IntStream.rangeClosed(0, 500).mapToObj(i -> "entry-" + i).toList());
    }
  }

  private static boolean failed(Future<RecordMetadata> send) {
    try {
      send.get(0, TimeUnit.SECONDS);
      return false;
    } catch (Exception e) {
      return true;
    }
  }

  private static void assertPerKeyOrder(List<ConsumerRecord<String, String>> consumed) {
    Map<String, List<Integer>> sequences = new HashMap<>();
    for (ConsumerRecord<String, String> record : consumed) {
      sequences
          .computeIfAbsent(record.key(), k -> new ArrayList<>())
          .add(Integer.parseInt(record.value().substring("payment-".length())));
    }
    assertThat(sequences).allSatisfy((key, sequence) -> assertThat(sequence).as(key).isSorted());
  }

  private static List<ConsumerRecord<String, String>> consumeAll(
      BrokerProcess broker, String topic, int partitions, int atLeast) {
    try (KafkaConsumer<String, String> consumer =
        Clients.consumer(broker.bootstrapServers(), Map.of())) {
      List<TopicPartition> all =
          java.util.stream.IntStream.range(0, partitions)
              .mapToObj(p -> new TopicPartition(topic, p))
              .toList();
      consumer.assign(all);
      consumer.seekToBeginning(all);
      List<ConsumerRecord<String, String>> records =
          Clients.pollAtLeast(consumer, atLeast, Duration.ofSeconds(60));
      records.addAll(Clients.pollAtLeast(consumer, Integer.MAX_VALUE, Duration.ofSeconds(2)));
      return records;
    }
  }

  private static Path activeSegment(Path partitionDir) throws IOException {
    try (Stream<Path> files = Files.list(partitionDir)) {
      return files
          .filter(p -> p.getFileName().toString().endsWith(".log"))
          .max(java.util.Comparator.comparing(p -> p.getFileName().toString()))
          .orElseThrow();
    }
  }

  private static void appendGarbage(Path segment, int bytes) throws IOException {
    byte[] garbage = new byte[bytes];
    new Random(SEED).nextBytes(garbage);
    try (FileChannel channel =
        FileChannel.open(segment, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
      channel.write(ByteBuffer.wrap(garbage));
    }
  }
}
