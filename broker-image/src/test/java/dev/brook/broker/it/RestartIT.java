package dev.brook.broker.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brook.testing.BrokerProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/** A graceful restart of the broker process loses no record and no committed offset. */
class RestartIT {

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path workDir;

  @Test
  void shouldResumeAtCommittedOffsetAfterGracefulRestart() throws Exception {
    try (BrokerProcess broker = new BrokerProcess(workDir.resolve("data"), Map.of()).start()) {
      try (Admin admin = Clients.admin(broker.bootstrapServers())) {
        Clients.createTopic(admin, "events", 6);
      }
      produce(broker, 0, 300);
      List<ConsumerRecord<String, String>> first = consumeAndCommit(broker, 300);
      assertThat(first)
          .extracting(ConsumerRecord::value)
          .containsExactlyInAnyOrderElementsOf(values(0, 300));
      produce(broker, 300, 600);

      assertThat(broker.stop())
          .as("JVM exit status after SIGTERM and shutdown hooks")
          .isEqualTo(143);
      assertThat(broker.dataDir().resolve(".brook-clean-shutdown"))
          .as("logs flushed and closed cleanly")
          .exists();
      broker.start();

      List<ConsumerRecord<String, String>> second = consumeAndCommit(broker, 300);
      assertThat(second)
          .extracting(ConsumerRecord::value)
          .as("exactly the records after the committed offsets: none lost, none repeated")
          .containsExactlyInAnyOrderElementsOf(values(300, 600));
    }
  }

  private static void produce(BrokerProcess broker, int from, int to) {
    try (KafkaProducer<String, String> producer =
        Clients.producer(broker.bootstrapServers(), Map.of())) {
      for (int i = from; i < to; i++) {
        producer.send(new ProducerRecord<>("events", "key-" + i, "value-" + i));
      }
      producer.flush();
    }
  }

  /** Consumes what the group has not consumed yet (waiting a little for strays), then commits. */
  private static List<ConsumerRecord<String, String>> consumeAndCommit(
      BrokerProcess broker, int expected) {
    try (KafkaConsumer<String, String> consumer =
        Clients.consumer(
            broker.bootstrapServers(), Map.of(ConsumerConfig.GROUP_ID_CONFIG, "restart-group"))) {
      consumer.subscribe(List.of("events"));
      List<ConsumerRecord<String, String>> records =
          Clients.pollAtLeast(consumer, expected, Duration.ofSeconds(60));
      records.addAll(Clients.pollAtLeast(consumer, Integer.MAX_VALUE, Duration.ofSeconds(2)));
      consumer.commitSync();
      return records;
    }
  }

  private static List<String> values(int from, int to) {
    return java.util.stream.IntStream.range(from, to).mapToObj(i -> "value-" + i).toList();
  }
}
