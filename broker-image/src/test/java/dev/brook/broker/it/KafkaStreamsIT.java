package dev.brook.broker.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Kafka Streams application (at_least_once, the default) on Brook: a stateless topology with a
 * repartition, so Streams creates an internal topic, consumes it with its own group protocol
 * assignor and purges it with DeleteRecords. Stateful topologies need compacted changelogs, which
 * Brook refuses until it has compaction.
 */
class KafkaStreamsIT {

  @TempDir Path workDir;

  @Test
  void shouldRunAStatelessTopologyWithARepartition() throws Exception {
    try (EmbeddedBroker broker = EmbeddedBroker.start(workDir.resolve("data"));
        Admin admin = Clients.admin(broker.bootstrapServers())) {
      Clients.createTopic(admin, "words", 3);
      Clients.createTopic(admin, "shouted", 3);
      StreamsBuilder builder = new StreamsBuilder();
      builder.stream("words", Consumed.with(Serdes.String(), Serdes.String()))
          .selectKey((key, value) -> value.substring(0, 1))
          .repartition()
          .mapValues(value -> value.toUpperCase())
          .to("shouted", Produced.with(Serdes.String(), Serdes.String()));
      try (KafkaStreams streams = new KafkaStreams(builder.build(), streamsConfig(broker))) {
        streams.start();
        try (KafkaProducer<String, String> producer =
            Clients.producer(broker.bootstrapServers(), Map.of())) {
          for (int i = 0; i < 100; i++) {
            producer.send(new ProducerRecord<>("words", null, "word-" + i));
          }
        }
        try (KafkaConsumer<String, String> consumer =
            Clients.consumer(broker.bootstrapServers(), Map.of("group.id", "verifier"))) {
          consumer.subscribe(List.of("shouted"));
          List<ConsumerRecord<String, String>> out =
              Clients.pollAtLeast(consumer, 100, Duration.ofSeconds(90));
          assertThat(out).hasSize(100);
          assertThat(out).allSatisfy(r -> assertThat(r.value()).startsWith("WORD-"));
          assertThat(out).allSatisfy(r -> assertThat(r.key()).isEqualTo("w"));
        }
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> streams.state() == KafkaStreams.State.RUNNING);
        assertThat(admin.listTopics().names().get())
            .anySatisfy(
                name -> assertThat(name).startsWith("brook-streams-").endsWith("-repartition"));
      }
    }
  }

  private static Properties streamsConfig(EmbeddedBroker broker) {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "brook-streams");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 200);
    props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
    props.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
    props.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
    props.put(
        StreamsConfig.STATE_DIR_CONFIG,
        System.getProperty("java.io.tmpdir") + "/brook-streams-" + ProcessHandle.current().pid());
    props.put("consumer.auto.offset.reset", "earliest");
    return props;
  }
}
