package dev.brook.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RoundMedianTest {

  private static SystemOutcome round(TestResult... results) {
    return SystemOutcome.measured(SystemKind.KAFKA, List.of(results));
  }

  @Test
  void shouldTakeTheMedianOfEachMetricWhenSeveralRoundsSucceeded() {
    SystemOutcome folded =
        RoundMedian.of(
            SystemKind.KAFKA,
            List.of(
                round(TestResult.of("produce", Map.of(Metric.MB_PER_SEC, 90.0))),
                round(TestResult.of("produce", Map.of(Metric.MB_PER_SEC, 30.0))),
                round(TestResult.of("produce", Map.of(Metric.MB_PER_SEC, 100.0)))));

    assertThat(folded.result("produce").orElseThrow().figures())
        .containsExactlyEntriesOf(Map.of(Metric.MB_PER_SEC, 90.0));
  }

  @Test
  void shouldIgnoreFailedRoundsWhenAnotherRoundSucceeded() {
    SystemOutcome folded =
        RoundMedian.of(
            SystemKind.KAFKA,
            List.of(
                round(TestResult.failed("latency", "timed out")),
                round(TestResult.of("latency", Map.of(Metric.P99_LATENCY_MS, 4.0))),
                round(TestResult.of("latency", Map.of(Metric.P99_LATENCY_MS, 6.0)))));

    TestResult latency = folded.result("latency").orElseThrow();
    assertThat(latency.failure()).isEmpty();
    assertThat(latency.figure(Metric.P99_LATENCY_MS)).contains(5.0);
  }

  @Test
  void shouldKeepTheFailureWhenEveryRoundFailed() {
    SystemOutcome folded =
        RoundMedian.of(
            SystemKind.KAFKA,
            List.of(
                round(TestResult.failed("consume", "read 10 of 20")),
                round(TestResult.failed("consume", "read 12 of 20"))));

    assertThat(folded.result("consume").orElseThrow().failure()).contains("read 10 of 20");
  }
}
