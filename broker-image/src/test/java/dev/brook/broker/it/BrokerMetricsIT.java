package dev.brook.broker.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker's HTTP endpoint scraped with a real HTTP client while real kafka-clients produce and
 * consume: health answers, and the Kafka-named metrics move with the traffic.
 */
class BrokerMetricsIT {

  private static final Pattern SAMPLE = Pattern.compile("^([a-z_]+)(\\{[^}]*\\})? (\\S+)$");

  @TempDir Path dataDir;

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void shouldServeHealthAndMetricsThatFollowTheTraffic() throws Exception {
    try (EmbeddedBroker broker =
        EmbeddedBroker.start(dataDir, Map.of("http.listener", "127.0.0.1:0"))) {
      String base = "http://127.0.0.1:" + broker.httpAddress().getPort();
      assertThat(get(base + "/health/live").statusCode()).isEqualTo(200);
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> get(base + "/health/ready").statusCode() == 200);
      assertThat(get(base + "/nowhere").statusCode()).isEqualTo(404);
      assertThat(
              http.send(
                      HttpRequest.newBuilder(URI.create(base + "/metrics"))
                          .POST(HttpRequest.BodyPublishers.noBody())
                          .build(),
                      HttpResponse.BodyHandlers.discarding())
                  .statusCode())
          .isEqualTo(405);

      try (Admin admin = Clients.admin(broker.bootstrapServers())) {
        Clients.createTopic(admin, "metered", 2);
      }
      Map<String, Double> before = scrape(base);
      assertThat(before.get("kafka_server_replicamanager_leadercount")).isGreaterThanOrEqualTo(2);
      assertThat(before.get("kafka_server_replicamanager_underreplicatedpartitions")).isZero();
      assertThat(before.get("kafka_controller_kafkacontroller_activecontrollercount")).isEqualTo(1);
      assertThat(before.get("kafka_controller_kafkacontroller_offlinepartitionscount")).isZero();

      try (KafkaProducer<String, String> producer =
          Clients.producer(broker.bootstrapServers(), Map.of(ProducerConfig.ACKS_CONFIG, "all"))) {
        for (int i = 0; i < 100; i++) {
          producer.send(new ProducerRecord<>("metered", i % 2, "k" + i, "value-" + i)).get();
        }
      }
      try (KafkaConsumer<String, String> consumer =
          Clients.consumer(broker.bootstrapServers(), Map.of())) {
        consumer.assign(
            List.of(
                new org.apache.kafka.common.TopicPartition("metered", 0),
                new org.apache.kafka.common.TopicPartition("metered", 1)));
        consumer.seekToBeginning(consumer.assignment());
        assertThat(Clients.pollAtLeast(consumer, 100, Duration.ofSeconds(30))).hasSize(100);
      }

      Map<String, Double> after = scrape(base);
      assertThat(after.get("kafka_server_brokertopicmetrics_messagesin_total{topic=\"metered\"}"))
          .isEqualTo(100);
      assertThat(after.get("kafka_server_brokertopicmetrics_bytesin_total{topic=\"metered\"}"))
          .isGreaterThan(100 * "value-00".length());
      assertThat(after.get("kafka_server_brokertopicmetrics_bytesout_total{topic=\"metered\"}"))
          .isGreaterThan(100 * "value-00".length());
      assertThat(after.get("kafka_log_log_size_bytes{partition=\"0\",topic=\"metered\"}"))
          .isPositive();
      assertThat(
              after.get(
                  "kafka_network_requestmetrics_totaltime_seconds_count{request=\"Produce\"}"))
          .isGreaterThanOrEqualTo(100);
      assertThat(
              after.get("kafka_network_requestmetrics_totaltime_seconds_count{request=\"Fetch\"}"))
          .isPositive();
      assertThat(after)
          .containsKey(
              "kafka_network_requestmetrics_totaltime_seconds{request=\"Produce\",quantile=\"0.99\"}");
    }
  }

  private HttpResponse<String> get(String url) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Every sample of a scrape, keyed by name and labels without the node_id label. */
  private Map<String, Double> scrape(String base) throws Exception {
    HttpResponse<String> response = get(base + "/metrics");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
    Map<String, Double> samples = new HashMap<>();
    for (String line : response.body().split("\n")) {
      Matcher sample = SAMPLE.matcher(line);
      if (line.startsWith("#") || !sample.matches()) {
        continue;
      }
      String labels =
          sample.group(2) == null
              ? ""
              : sample.group(2).replaceAll("node_id=\"[^\"]*\",?", "").replace(",}", "}");
      samples.put(
          sample.group(1) + (labels.equals("{}") ? "" : labels),
          Double.parseDouble(sample.group(3)));
    }
    return samples;
  }
}
