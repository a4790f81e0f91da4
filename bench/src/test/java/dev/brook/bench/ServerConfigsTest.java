package dev.brook.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerConfigsTest {

  private static final Path DIR = Path.of("/tmp/bench");

  private static List<NodeSpec> nodes(int count) {
    return java.util.stream.IntStream.rangeClosed(1, count)
        .mapToObj(id -> new NodeSpec(id, "127.0.0.1", 9000 + id, 9100 + id, DIR.resolve("n" + id)))
        .toList();
  }

  @Test
  void shouldGiveBothSystemsTheSameBrokerSettingsWhenSingleNode() {
    BenchSettings settings = BenchSettings.fromEnv(Map.of(), DIR);
    List<NodeSpec> cluster = nodes(1);
    Map<String, String> kafka = ServerConfigs.kafka(cluster.get(0), cluster, settings);
    Map<String, String> brook = ServerConfigs.brook(cluster.get(0), cluster, settings);

    assertThat(brook)
        .containsEntry("listeners", "PLAINTEXT://127.0.0.1:9001")
        .containsEntry("num.partitions", "6")
        .containsEntry("log.dirs", "/tmp/bench/n1/data")
        .doesNotContainKeys("process.roles", "controller.quorum.voters");
    brook.forEach(
        (key, value) -> {
          if (!key.contains("listeners")) {
            assertThat(kafka).containsEntry(key, value);
          }
        });
    assertThat(kafka)
        .containsEntry("controller.quorum.voters", "1@127.0.0.1:9101")
        .containsEntry("offsets.topic.replication.factor", "1")
        .containsEntry("transaction.state.log.min.isr", "1");
  }

  @Test
  void shouldListEveryVoterWhenThreeNodes() {
    BenchSettings settings = BenchSettings.fromEnv(Map.of("BENCH_CLUSTER", "3"), DIR);
    List<NodeSpec> cluster = nodes(3);
    Map<String, String> brook = ServerConfigs.brook(cluster.get(1), cluster, settings);

    assertThat(brook)
        .containsEntry("node.id", "2")
        .containsEntry("process.roles", "broker,controller")
        .containsEntry(
            "controller.quorum.voters", "1@127.0.0.1:9101,2@127.0.0.1:9102,3@127.0.0.1:9103")
        .containsEntry("listeners", "PLAINTEXT://127.0.0.1:9002,CONTROLLER://127.0.0.1:9102")
        .containsEntry("controller.listener.names", "CONTROLLER")
        .containsEntry("default.replication.factor", "3");
    assertThat(ServerConfigs.kafka(cluster.get(1), cluster, settings))
        .containsEntry("transaction.state.log.min.isr", "2");
  }

  @Test
  void shouldRenderSortedPropertiesWhenWritingAConfig() {
    assertThat(ServerConfigs.render(Map.of("b", "2", "a", "1")))
        .isEqualTo("# written by brook-bench\na=1\nb=2\n");
  }
}
