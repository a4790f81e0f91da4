package dev.brook.compat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brook.testing.BrokerCluster;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * librdkafka as Debian 12 ships it (python3-confluent-kafka 1.7.0 on librdkafka 2.0.2, for Debian's
 * own /usr/bin/python3) and, side by side, the current one from PyPI (the machine's python3):
 * admin, an idempotent acks=all producer, a consumer group that commits and a second member
 * resuming from the commits ({@code clients/python/confluent_compat.py}). 2.0.2 asks for older
 * versions (ListOffsets v2, for one) than the current librdkafka does.
 */
class DebianLibrdkafkaIT {

  private static final String DEBIAN_PYTHON = "/usr/bin/python3";
  private static final Duration TIMEOUT = Duration.ofMinutes(4);

  @ParameterizedTest
  @EnumSource(Topology.class)
  void debianLibrdkafka202(Topology topology) throws Exception {
    requireDebianLibrdkafka();
    String output = debianProgram().runAgainst(topology, TIMEOUT);
    assertThat(output).contains("librdkafka 2.0.2 against " + topology.nodes() + " broker(s)");
  }

  /**
   * The same run on brokers started just now: the first requests reach them before they have
   * registered with the controller (Admin create_topics used to time out on three nodes).
   */
  @ParameterizedTest
  @EnumSource(Topology.class)
  void debianLibrdkafka202RightAfterStart(Topology topology) throws Exception {
    requireDebianLibrdkafka();
    try (BrokerCluster fresh = CompatBrokers.startFresh(topology, "fresh-librdkafka-debian")) {
      String output =
          debianProgram()
              .runAgainst(
                  "fresh-" + topology.name().toLowerCase(),
                  fresh.bootstrapServers(),
                  topology.replicationFactor(),
                  TIMEOUT);
      assertThat(output).contains("librdkafka 2.0.2 against " + topology.nodes() + " broker(s)");
    }
  }

  private static void requireDebianLibrdkafka() throws Exception {
    ClientProgram.requireInstalled(
        "Debian's python3-confluent-kafka (librdkafka 2.0.2)",
        DEBIAN_PYTHON,
        "-c",
        "import confluent_kafka; assert confluent_kafka.libversion()[0] == '2.0.2', confluent_kafka.libversion()");
  }

  private static ClientProgram debianProgram() {
    return ClientProgram.of(
        "librdkafka-debian", "python", List.of(DEBIAN_PYTHON, "confluent_compat.py"));
  }

  @ParameterizedTest
  @EnumSource(Topology.class)
  void currentLibrdkafka(Topology topology) throws Exception {
    ClientProgram.requireInstalled(
        "confluent-kafka from PyPI", "python3", "-c", "import confluent_kafka");
    String output =
        ClientProgram.of("librdkafka-pypi", "python", List.of("python3", "confluent_compat.py"))
            .runAgainst(topology, TIMEOUT);
    assertThat(output).contains("against " + topology.nodes() + " broker(s)");
  }
}
