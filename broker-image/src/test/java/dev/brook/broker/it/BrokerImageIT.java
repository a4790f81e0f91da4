package dev.brook.broker.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.brook.testing.ContainerImages;
import dev.brook.testing.FreePorts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker image as {@code make images} built it, run by the container engine on the host network
 * and bound to a loopback address of its own: a real producer and consumer round trip, as the
 * image's non-root user, with the OCI labels of this build and no build tools inside. Runs under
 * {@code make images-test}.
 */
@EnabledIfSystemProperty(named = ContainerImages.ENGINE_PROPERTY, matches = ".+")
class BrokerImageIT {

  private static final String CONTAINER = "brook-broker-image-it";
  private static final String HOST = "127.0.0.78";
  private static final int RECORDS = 100;

  @TempDir Path work;

  @Test
  void shouldServeClientsFromTheImageAsItsNonRootUser() throws Exception {
    ContainerImages images = ContainerImages.fromSystemProperties();
    images.remove(CONTAINER);
    String bootstrap = HOST + ":" + FreePorts.next();
    Process container =
        new ProcessBuilder(
                images.runCommand(
                    CONTAINER,
                    images.broker(),
                    Map.of(),
                    Map.of(),
                    List.of(
                        "--override",
                        "listeners=PLAINTEXT://" + bootstrap,
                        "--override",
                        "log.dirs=/var/lib/brook/data")))
            .redirectErrorStream(true)
            .redirectOutput(work.resolve("broker.log").toFile())
            .start();
    try (Admin admin = Clients.admin(bootstrap)) {
      await()
          .atMost(Duration.ofSeconds(60))
          .ignoreExceptions()
          .until(() -> admin.describeCluster().nodes().get().size() == 1);
      admin.createTopics(List.of(new NewTopic("from-image", 1, (short) 1))).all().get();
      Clients.produceFixedSize(bootstrap, "from-image", 0, RECORDS, 100);
      try (KafkaConsumer<String, String> consumer =
          Clients.consumer(
              bootstrap,
              Map.<String, Object>of(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"))) {
        consumer.assign(List.of(new TopicPartition("from-image", 0)));
        assertThat(Clients.pollAtLeast(consumer, RECORDS, Duration.ofSeconds(30))).hasSize(RECORDS);
      }

      assertThat(images.engine("exec", CONTAINER, "id", "-u")).isEqualTo("1000");
      assertThat(images.label(images.broker(), "org.opencontainers.image.version"))
          .isEqualTo(images.version());
      assertThat(images.label(images.broker(), "org.opencontainers.image.revision"))
          .matches("[0-9a-f]{40}");
      assertThat(
              images.engine(
                  "exec",
                  CONTAINER,
                  "sh",
                  "-c",
                  "for tool in mvn javac gcc make git; do command -v $tool; done; true"))
          .isEmpty();
    } finally {
      container.destroy();
      container.waitFor();
      images.remove(CONTAINER);
    }
  }
}
