package dev.brook.bench;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the summary that each of Kafka's perf tools prints to stdout (formats as of Kafka 4.2):
 *
 * <pre>
 * ProducerPerformance, last line:
 *   N records sent, R records/sec (M MB/sec), A ms avg latency, X ms max latency,
 *   P ms 50th, P ms 95th, P ms 99th, P ms 99.9th.
 * ConsumerPerformance, a header and one row of comma-separated values:
 *   start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec,
 *   rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec
 * EndToEndLatency, the last two lines:
 *   Avg latency: A ms
 *   Percentiles: 50th = P, 99th = P, 99.9th = P
 * </pre>
 */
public final class PerfOutputParser {

  private static final String NUMBER = "([0-9]+(?:\\.[0-9]+)?)";
  private static final Pattern PRODUCER_SUMMARY =
      Pattern.compile(
          "([0-9]+) records sent, "
              + NUMBER
              + " records/sec \\("
              + NUMBER
              + " MB/sec\\), "
              + NUMBER
              + " ms avg latency, "
              + NUMBER
              + " ms max latency, ([0-9]+) ms 50th, ([0-9]+) ms 95th, ([0-9]+) ms 99th, ([0-9]+) ms"
              + " 99\\.9th\\.");
  private static final Pattern LATENCY_AVG = Pattern.compile("Avg latency: " + NUMBER + " ms");
  private static final Pattern LATENCY_PERCENTILES =
      Pattern.compile("Percentiles: 50th = ([0-9]+), 99th = ([0-9]+), 99\\.9th = ([0-9]+)");
  private static final String CONSUMER_HEADER_START = "start.time";

  private PerfOutputParser() {}

  /** The whole-run summary of ProducerPerformance (the last one, should it print several). */
  public static Map<Metric, Double> producer(String stdout) {
    Matcher summary = lastMatch(PRODUCER_SUMMARY, stdout, "ProducerPerformance summary");
    Map<Metric, Double> figures = new EnumMap<>(Metric.class);
    figures.put(Metric.RECORDS_PER_SEC, Double.parseDouble(summary.group(2)));
    figures.put(Metric.MB_PER_SEC, Double.parseDouble(summary.group(3)));
    figures.put(Metric.AVG_LATENCY_MS, Double.parseDouble(summary.group(4)));
    figures.put(Metric.P99_LATENCY_MS, Double.parseDouble(summary.group(8)));
    return figures;
  }

  /**
   * The fetch throughput of ConsumerPerformance: data over the time spent fetching, which leaves
   * out the group join that the overall {@code MB.sec} includes.
   */
  public static Map<Metric, Double> consumer(String stdout) {
    Map<String, String> row = consumerRow(stdout);
    Map<Metric, Double> figures = new EnumMap<>(Metric.class);
    figures.put(Metric.MB_PER_SEC, Double.parseDouble(required(row, "fetch.MB.sec")));
    figures.put(Metric.RECORDS_PER_SEC, Double.parseDouble(required(row, "fetch.nMsg.sec")));
    return figures;
  }

  /** Records ConsumerPerformance read, to check that it read what was produced. */
  public static long consumedRecords(String stdout) {
    return Long.parseLong(required(consumerRow(stdout), "data.consumed.in.nMsg"));
  }

  public static Map<Metric, Double> endToEndLatency(String stdout) {
    Map<Metric, Double> figures = new EnumMap<>(Metric.class);
    figures.put(
        Metric.AVG_LATENCY_MS,
        Double.parseDouble(lastMatch(LATENCY_AVG, stdout, "EndToEndLatency average").group(1)));
    figures.put(
        Metric.P99_LATENCY_MS,
        Double.parseDouble(
            lastMatch(LATENCY_PERCENTILES, stdout, "EndToEndLatency percentiles").group(2)));
    return figures;
  }

  private static Map<String, String> consumerRow(String stdout) {
    List<String> lines = stdout.lines().map(String::trim).filter(l -> !l.isEmpty()).toList();
    for (int i = 0; i < lines.size() - 1; i++) {
      if (lines.get(i).startsWith(CONSUMER_HEADER_START)) {
        String[] names = lines.get(i).split(",");
        String[] values = lines.get(i + 1).split(",");
        if (names.length != values.length) {
          throw new BenchException(
              "ConsumerPerformance row has "
                  + values.length
                  + " values for "
                  + names.length
                  + " columns: "
                  + lines.get(i + 1));
        }
        Map<String, String> row = new HashMap<>();
        for (int c = 0; c < names.length; c++) {
          row.put(names[c].trim(), values[c].trim());
        }
        return row;
      }
    }
    throw new BenchException("no ConsumerPerformance summary in its output:\n" + tail(stdout));
  }

  private static String required(Map<String, String> row, String column) {
    String value = row.get(column);
    if (value == null) {
      throw new BenchException("ConsumerPerformance printed no '" + column + "' column");
    }
    return value;
  }

  private static Matcher lastMatch(Pattern pattern, String stdout, String what) {
    Matcher matcher = pattern.matcher(stdout);
    int lastStart = -1;
    while (matcher.find()) {
      lastStart = matcher.start();
    }
    if (lastStart < 0 || !matcher.find(lastStart)) {
      throw new BenchException("no " + what + " in the tool's output:\n" + tail(stdout));
    }
    return matcher;
  }

  private static String tail(String text) {
    List<String> lines = text.lines().toList();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 10), lines.size()));
  }
}
