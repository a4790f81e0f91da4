package dev.brook.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * KafkaJS 2.2.4 (installed into {@code clients/node} from its lock file): admin, an idempotent
 * producer (one request in flight) with acks=all, a consumer group that commits and a second member
 * resuming from the commits ({@code clients/node/kafkajs_compat.js}).
 */
class KafkaJsIT {

  @ParameterizedTest
  @EnumSource(Topology.class)
  void kafkaJs(Topology topology) throws Exception {
    ClientProgram.requireInstalled(
        "KafkaJS 2.2.4 in compat/clients/node",
        "node",
        "-e",
        "const v = require('"
            + ClientProgram.CLIENTS_DIR.resolve("node/node_modules/kafkajs/package.json")
            + "').version; if (v !== '2.2.4') throw new Error('kafkajs ' + v)");
    String output =
        ClientProgram.of("kafkajs", "node", List.of("node", "kafkajs_compat.js"))
            .runAgainst(topology, Duration.ofMinutes(4));
    assertThat(output).contains("kafkajs 2.2.4 against " + topology.nodes() + " broker(s)");
  }
}
