package dev.brook.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * kafka-python 2.2.15, a pure-Python client with its own protocol code and version choices: admin,
 * an idempotent acks=all producer, a consumer group that commits and a second member resuming from
 * the commits ({@code clients/python/kafka_python_compat.py}).
 */
class KafkaPythonIT {

  @ParameterizedTest
  @EnumSource(Topology.class)
  void kafkaPython(Topology topology) throws Exception {
    ClientProgram.requireInstalled(
        "kafka-python 2.2.15",
        "python3",
        "-c",
        "import kafka; assert kafka.__version__ == '2.2.15', kafka.__version__");
    String output =
        ClientProgram.of("kafka-python", "python", List.of("python3", "kafka_python_compat.py"))
            .runAgainst(topology, Duration.ofMinutes(4));
    assertThat(output).contains("kafka-python 2.2.15 against " + topology.nodes() + " broker(s)");
  }
}
