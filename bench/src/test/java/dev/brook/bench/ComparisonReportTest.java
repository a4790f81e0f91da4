package dev.brook.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ComparisonReportTest {

  private static final BenchSettings SETTINGS =
      BenchSettings.fromEnv(Map.of("BENCH_QUICK", "1"), Path.of("/repo"));
  private static final MachineInfo MACHINE =
      new MachineInfo(2, "Test CPU", 4096, "0.50 0.40 0.30", "Linux 6", "OpenJDK 17", "4.2.2");
  private static final Instant STARTED = Instant.parse("2026-11-25T12:00:00Z");

  private static final SystemOutcome KAFKA =
      SystemOutcome.measured(
          SystemKind.KAFKA,
          List.of(
              TestResult.of(
                  "produce acks=1", Map.of(Metric.MB_PER_SEC, 100.0, Metric.P99_LATENCY_MS, 20.0)),
              TestResult.of("end-to-end latency acks=all", Map.of(Metric.P99_LATENCY_MS, 0.0))));

  @Test
  void shouldPrintBothFiguresAndTheRatioWhenBothSystemsRan() {
    SystemOutcome brook =
        SystemOutcome.measured(
            SystemKind.BROOK,
            List.of(
                TestResult.of(
                    "produce acks=1",
                    Map.of(Metric.MB_PER_SEC, 125.0, Metric.P99_LATENCY_MS, 10.0)),
                TestResult.failed("end-to-end latency acks=all", "tool exited with 1")));
    ComparisonReport report = new ComparisonReport(SETTINGS, MACHINE, STARTED, KAFKA, brook);

    assertThat(report.consoleLines())
        .containsExactly(
            "produce acks=1                      MB/s 100.0 | 125.0 (1.25)  p99 ms 20.00 | 10.00"
                + " (0.50)",
            "end-to-end latency acks=all         p99 ms 0.00 | – (–)  Brook failed: tool exited"
                + " with 1");
    assertThat(report.markdown())
        .contains("| produce acks=1 | 100.0 | 125.0 | 1.25 | 20.00 | 10.00 | 0.50 |")
        .contains("- Brook, end-to-end latency acks=all: tool exited with 1")
        .doesNotContain("first ack ms");
  }

  @Test
  void shouldStateWhyBrookIsMissingWhenItWasSkipped() {
    SystemOutcome brook = SystemOutcome.skipped(SystemKind.BROOK, "jar not found");
    String markdown = new ComparisonReport(SETTINGS, MACHINE, STARTED, KAFKA, brook).markdown();

    assertThat(markdown)
        .contains(
            "- machine: 2 cores (Test CPU), 4,096 MiB RAM, load average 0.50 0.40 0.30 at start,"
                + " Linux 6; JVM OpenJDK 17")
        .contains("- Brook: not measured, jar not found")
        .contains("| Kafka MB/s | Brook MB/s | ratio | Kafka p99 ms | Brook p99 ms | ratio |")
        .contains("| produce acks=1 | 100.0 | – | – | 20.00 | – | – |");
  }

  @Test
  void shouldAddTheFailoverTableWhenAFailoverWasMeasured() {
    SystemOutcome kafka =
        SystemOutcome.measured(
            SystemKind.KAFKA,
            List.of(
                TestResult.of(
                    "failover: kill -9 a leader",
                    Map.of(
                        Metric.FIRST_ACK_AFTER_KILL_MS, 9_500.0,
                        Metric.ALL_PARTITIONS_ACK_AFTER_KILL_MS, 9_600.0))));
    SystemOutcome brook = SystemOutcome.skipped(SystemKind.BROOK, "no multi-broker support");

    assertThat(new ComparisonReport(SETTINGS, MACHINE, STARTED, kafka, brook).markdown())
        .contains("| Kafka first ack ms | Brook first ack ms | ratio |")
        .contains("| failover: kill -9 a leader | 9,500 | – | – | 9,600 | – | – |\n\nRatios");
  }

  @Test
  void shouldLeaveTheRatioOutWhenKafkaMeasuredZero() {
    assertThat(ComparisonReport.ratio(Optional.of(0.0), Optional.of(1.0))).isEqualTo("–");
    assertThat(ComparisonReport.ratio(Optional.of(4.0), Optional.of(1.0))).isEqualTo("0.25");
  }
}
