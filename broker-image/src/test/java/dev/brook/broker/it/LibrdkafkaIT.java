package dev.brook.broker.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * librdkafka (through confluent-kafka for Python, installed by scripts/setup.sh) against Brook: a
 * second, independent implementation of the protocol, so Brook is not only compatible with the
 * habits of the Java client.
 */
class LibrdkafkaIT {

  private static final Path SCRIPT = Path.of("src", "test", "python", "librdkafka_smoke.py");

  @TempDir Path dataDir;

  @Test
  void shouldServeLibrdkafkaAdminProducersAndConsumerGroups() throws Exception {
    try (EmbeddedBroker broker = EmbeddedBroker.start(dataDir)) {
      Process python =
          new ProcessBuilder("python3", SCRIPT.toString(), broker.bootstrapServers())
              .redirectErrorStream(true)
              .start();
      boolean finished = python.waitFor(180, TimeUnit.SECONDS);
      String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!finished) {
        python.destroyForcibly();
      }
      assertThat(finished).as("librdkafka run finished; output:%n%s", output).isTrue();
      assertThat(python.exitValue()).as("exit status; output:%n%s", output).isZero();
      assertThat(output).contains("OK 2500 records through librdkafka");
    }
  }
}
