package dev.brook.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PerfOutputParserTest {

  // Verbatim shapes printed by kafka-tools 4.2.2 in a real run.
  private static final String PRODUCER_OUTPUT =
      """
      24917 records sent, 4983.4 records/sec (4.87 MB/sec), 1843.2 ms avg latency, 2788.0 ms max latency.
      50000 records sent, 17373.175817 records/sec (16.97 MB/sec), 860.44 ms avg latency, \
      1094.00 ms max latency, 931 ms 50th, 1060 ms 95th, 1078 ms 99th, 1091 ms 99.9th.
      """;
  private static final String CONSUMER_OUTPUT =
      """
      start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec, \
      rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec
      2026-11-25 12:32:17:661, 2026-11-25 12:32:18:758, 48.8281, 44.5106, 50000, 45578.8514, \
      534, 563, 86.7285, 88809.9467
      """;
  private static final String LATENCY_OUTPUT =
      """
      0\t35.121
      Avg latency: 7.4381 ms
      Percentiles: 50th = 3, 99th = 61, 99.9th = 80
      """;

  @Test
  void shouldReadTheFinalSummaryWhenProgressLinesPrecedeIt() {
    assertThat(PerfOutputParser.producer(PRODUCER_OUTPUT))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                Metric.RECORDS_PER_SEC, 17373.175817,
                Metric.MB_PER_SEC, 16.97,
                Metric.AVG_LATENCY_MS, 860.44,
                Metric.P99_LATENCY_MS, 1078.0));
  }

  @Test
  void shouldReadFetchThroughputWhenConsumerPrintsHeaderAndRow() {
    assertThat(PerfOutputParser.consumer(CONSUMER_OUTPUT))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(Metric.MB_PER_SEC, 86.7285, Metric.RECORDS_PER_SEC, 88809.9467));
    assertThat(PerfOutputParser.consumedRecords(CONSUMER_OUTPUT)).isEqualTo(50_000);
  }

  @Test
  void shouldReadAverageAndP99WhenLatencyToolFinishes() {
    assertThat(PerfOutputParser.endToEndLatency(LATENCY_OUTPUT))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(Metric.AVG_LATENCY_MS, 7.4381, Metric.P99_LATENCY_MS, 61.0));
  }

  @Test
  void shouldFailWithTheOutputTailWhenTheSummaryIsMissing() {
    String onlyProgress = PRODUCER_OUTPUT.lines().findFirst().orElseThrow();
    assertThatThrownBy(() -> PerfOutputParser.producer(onlyProgress))
        .isInstanceOf(BenchException.class)
        .hasMessageContaining("no ProducerPerformance summary")
        .hasMessageContaining("24917 records sent");
  }

  @Test
  void shouldFailWhenTheConsumerRowDoesNotMatchItsHeader() {
    String truncated = CONSUMER_OUTPUT.substring(0, CONSUMER_OUTPUT.lastIndexOf(','));
    assertThatThrownBy(() -> PerfOutputParser.consumer(truncated))
        .isInstanceOf(BenchException.class)
        .hasMessageContaining("9 values for 10 columns");
  }
}
