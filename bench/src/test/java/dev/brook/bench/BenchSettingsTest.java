package dev.brook.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchSettingsTest {

  private static final Path REPO = Path.of("/repo");

  @Test
  void shouldUseFullDefaultsWhenNothingIsSet() {
    BenchSettings settings = BenchSettings.fromEnv(Map.of(), REPO);

    assertThat(settings.records()).isEqualTo(1_000_000);
    assertThat(settings.warmupRecords()).isEqualTo(200_000);
    assertThat(settings.recordSizeBytes()).isEqualTo(1024);
    assertThat(settings.partitions()).isEqualTo(6);
    assertThat(settings.brokers()).isEqualTo(1);
    assertThat(settings.rounds()).isEqualTo(1);
    assertThat(settings.systems()).containsExactlyInAnyOrder(SystemKind.KAFKA, SystemKind.BROOK);
    assertThat(settings.brookJar())
        .isEqualTo(Path.of("/repo/broker-image/target/brook-broker.jar"));
    assertThat(settings.reportFile()).isEqualTo(Path.of("/repo/bench/results/latest.md"));
  }

  @Test
  void shouldShrinkCountsWhenQuickOrReplicatedAndHonourExplicitValues() {
    BenchSettings settings =
        BenchSettings.fromEnv(
            Map.of(
                "BENCH_QUICK", "1",
                "BENCH_LATENCY_RECORDS", "2_000",
                "BENCH_CLUSTER", "3",
                "BENCH_SYSTEMS", " brook ",
                "BENCH_ROUNDS", "3",
                "BENCH_SERVER_JVM_OPTS", " -Xmx2g  -XX:+UseParallelGC "),
            REPO);

    assertThat(settings.records()).isEqualTo(50_000);
    assertThat(settings.latencyRecords()).isEqualTo(2_000);
    assertThat(settings.replicationFactor()).isEqualTo((short) 3);
    assertThat(settings.systems()).containsExactly(SystemKind.BROOK);
    assertThat(settings.rounds()).isEqualTo(3);
    assertThat(settings.serverJvmOptions()).isEqualTo(List.of("-Xmx2g", "-XX:+UseParallelGC"));
  }

  @Test
  void shouldNameTheVariableWhenAValueIsNotANumber() {
    assertThatThrownBy(() -> BenchSettings.fromEnv(Map.of("BENCH_RECORDS", "lots"), REPO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("BENCH_RECORDS");
    assertThatThrownBy(() -> BenchSettings.fromEnv(Map.of("BENCH_CLUSTER", "2"), REPO))
        .hasMessageContaining("BENCH_CLUSTER must be 1 or 3");
    assertThatThrownBy(() -> BenchSettings.fromEnv(Map.of("BENCH_SYSTEMS", "kafka,redpanda"), REPO))
        .hasMessageContaining("unknown system 'redpanda'");
  }
}
