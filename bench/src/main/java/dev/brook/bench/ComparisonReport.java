package dev.brook.bench;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Puts Kafka's and Brook's figures side by side with the ratio Brook/Kafka: one console line per
 * test, and a Markdown document with the machine, the settings and the table(s).
 */
public final class ComparisonReport {

  static final List<Metric> THROUGHPUT_COLUMNS =
      List.of(
          Metric.MB_PER_SEC, Metric.RECORDS_PER_SEC, Metric.P99_LATENCY_MS, Metric.AVG_LATENCY_MS);
  static final List<Metric> FAILOVER_COLUMNS =
      List.of(Metric.FIRST_ACK_AFTER_KILL_MS, Metric.ALL_PARTITIONS_ACK_AFTER_KILL_MS);
  private static final String NONE = "–";

  private final BenchSettings settings;
  private final MachineInfo machine;
  private final Instant startedAt;
  private final SystemOutcome kafka;
  private final SystemOutcome brook;

  public ComparisonReport(
      BenchSettings settings,
      MachineInfo machine,
      Instant startedAt,
      SystemOutcome kafka,
      SystemOutcome brook) {
    this.settings = settings;
    this.machine = machine;
    this.startedAt = startedAt;
    this.kafka = kafka;
    this.brook = brook;
  }

  /** One line per test: each metric as {@code Kafka | Brook (Brook/Kafka)}. */
  public List<String> consoleLines() {
    List<String> lines = new ArrayList<>();
    for (String test : tests()) {
      StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-34s", test));
      for (Metric metric : Metric.values()) {
        Optional<Double> k = figure(kafka, test, metric);
        Optional<Double> b = figure(brook, test, metric);
        if (k.isPresent() || b.isPresent()) {
          line.append(
              String.format(
                  Locale.ROOT,
                  "  %s %s | %s (%s)",
                  metric.label(),
                  number(k),
                  number(b),
                  ratio(k, b)));
        }
      }
      failure(kafka, test).ifPresent(f -> line.append("  Kafka failed: ").append(f));
      failure(brook, test).ifPresent(f -> line.append("  Brook failed: ").append(f));
      lines.add(line.toString());
    }
    return lines;
  }

  public String markdown() {
    StringBuilder md = new StringBuilder();
    md.append("## Brook vs Apache Kafka, ")
        .append(settings.brokers() == 1 ? "single node" : settings.brokers() + " nodes")
        .append("\n\n");
    header(md);
    table(md, THROUGHPUT_COLUMNS);
    table(md, FAILOVER_COLUMNS);
    md.append(
        "Ratios are Brook/Kafka: above 1 is better for throughput (MB/s, records/s), below 1 is"
            + " better for latency and failover times. Goal: ≥ 1.0 throughput, ≤ 0.7 p99.\n");
    List<String> failures = failures();
    if (!failures.isEmpty()) {
      md.append("\nFailures:\n\n");
      failures.forEach(f -> md.append("- ").append(f).append('\n'));
    }
    return md.toString();
  }

  private void header(StringBuilder md) {
    md.append("- run: ").append(startedAt.truncatedTo(ChronoUnit.SECONDS)).append('\n');
    md.append(
        String.format(
            Locale.ROOT,
            "- machine: %d cores (%s), %,d MiB RAM, load average %s at start, %s; JVM %s%n",
            machine.cores(),
            machine.cpuModel(),
            machine.memoryMiB(),
            machine.loadAverage(),
            machine.os(),
            machine.jvm()));
    md.append("- Apache Kafka ")
        .append(machine.kafkaVersion())
        .append(" (kafka_2.13, KRaft, combined roles); perf tools from kafka-tools ")
        .append(machine.kafkaVersion())
        .append('\n');
    md.append(
        String.format(
            Locale.ROOT,
            "- settings: %d broker(s), %d partitions, RF %d, min.insync.replicas %d, %,d-byte"
                + " records, %,d records per producer run after a %,d-record warm-up, %,d"
                + " latency round trips; server JVM `%s`, tool JVM `%s`%n",
            settings.brokers(),
            settings.partitions(),
            settings.replicationFactor(),
            ServerConfigs.minInsyncReplicas(settings),
            settings.recordSizeBytes(),
            settings.records(),
            settings.warmupRecords(),
            settings.latencyRecords(),
            String.join(" ", settings.serverJvmOptions()),
            String.join(" ", settings.toolJvmOptions())));
    if (settings.rounds() > 1) {
      md.append("- ")
          .append(settings.rounds())
          .append(" rounds, systems alternating (Kafka, Brook, Kafka, ...); figures are medians\n");
    }
    Stream.of(kafka, brook)
        .forEach(
            o ->
                o.skipped()
                    .ifPresent(
                        reason ->
                            md.append("- ")
                                .append(o.kind().displayName())
                                .append(": not measured, ")
                                .append(reason)
                                .append('\n')));
    md.append('\n');
  }

  private void table(StringBuilder md, List<Metric> columns) {
    List<String> tests =
        tests().stream().filter(t -> columns.stream().anyMatch(m -> hasFigure(t, m))).toList();
    if (tests.isEmpty()) {
      return;
    }
    List<Metric> used =
        columns.stream().filter(m -> tests.stream().anyMatch(t -> hasFigure(t, m))).toList();
    md.append("| test |");
    used.forEach(
        m ->
            md.append(" Kafka ")
                .append(m.label())
                .append(" | Brook ")
                .append(m.label())
                .append(" | ratio |"));
    md.append("\n|---|");
    used.forEach(m -> md.append("---:|---:|---:|"));
    md.append('\n');
    for (String test : tests) {
      md.append("| ").append(test).append(" |");
      for (Metric m : used) {
        Optional<Double> k = figure(kafka, test, m);
        Optional<Double> b = figure(brook, test, m);
        md.append(' ').append(number(k)).append(" | ").append(number(b)).append(" | ");
        md.append(ratio(k, b)).append(" |");
      }
      md.append('\n');
    }
    md.append('\n');
  }

  private boolean hasFigure(String test, Metric metric) {
    return figure(kafka, test, metric).isPresent() || figure(brook, test, metric).isPresent();
  }

  private List<String> tests() {
    Set<String> tests = new LinkedHashSet<>();
    Stream.of(kafka, brook).flatMap(o -> o.results().stream()).forEach(r -> tests.add(r.test()));
    return List.copyOf(tests);
  }

  private List<String> failures() {
    List<String> failures = new ArrayList<>();
    for (SystemOutcome outcome : List.of(kafka, brook)) {
      for (TestResult result : outcome.results()) {
        result
            .failure()
            .ifPresent(
                f -> failures.add(outcome.kind().displayName() + ", " + result.test() + ": " + f));
      }
    }
    return failures;
  }

  private static Optional<Double> figure(SystemOutcome outcome, String test, Metric metric) {
    return outcome.result(test).flatMap(r -> r.figure(metric));
  }

  private static Optional<String> failure(SystemOutcome outcome, String test) {
    return outcome.result(test).flatMap(TestResult::failure);
  }

  static String number(Optional<Double> value) {
    if (value.isEmpty()) {
      return NONE;
    }
    double v = value.get();
    if (v >= 1000) {
      return String.format(Locale.ROOT, "%,.0f", v);
    }
    return String.format(Locale.ROOT, v >= 100 ? "%.1f" : "%.2f", v);
  }

  static String ratio(Optional<Double> kafkaValue, Optional<Double> brookValue) {
    if (kafkaValue.isEmpty() || brookValue.isEmpty() || kafkaValue.get() == 0) {
      return NONE;
    }
    return String.format(Locale.ROOT, "%.2f", brookValue.get() / kafkaValue.get());
  }
}
