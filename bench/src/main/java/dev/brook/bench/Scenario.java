package dev.brook.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;

/**
 * The sequence of tests run against each system, identical for both: create the topics, warm up
 * (produce and consume a fixed number of records), then the measured runs one after another.
 */
public final class Scenario {

  static final String WARMUP_TOPIC = "bench-warmup";
  static final String ACKS_ONE_TOPIC = "bench-acks-1";
  static final String ACKS_ALL_TOPIC = "bench-acks-all";
  static final String LATENCY_TOPIC = "bench-latency";
  static final String FAILOVER_TOPIC = "bench-failover";

  private final BenchSettings settings;

  public Scenario(BenchSettings settings) {
    this.settings = settings;
  }

  public List<TestResult> run(BenchCluster cluster, Path outputDir) {
    PerfTools tools = new PerfTools(settings, cluster.bootstrapServers(), outputDir);
    try (Admin admin = cluster.admin()) {
      BenchTopics.create(
          admin,
          settings,
          settings.replicated()
              ? List.of(WARMUP_TOPIC, ACKS_ALL_TOPIC, LATENCY_TOPIC, FAILOVER_TOPIC)
              : List.of(WARMUP_TOPIC, ACKS_ONE_TOPIC, ACKS_ALL_TOPIC, LATENCY_TOPIC));
    }
    String suffix = settings.replicated() ? " RF " + settings.replicationFactor() : "";
    List<TestResult> results = new ArrayList<>();
    TestResult warmup =
        measure(
            "warm-up",
            () -> {
              tools.produce(WARMUP_TOPIC, settings.warmupRecords(), "all");
              return tools.consume(WARMUP_TOPIC, settings.warmupRecords());
            });
    if (warmup.failure().isPresent()) {
      results.add(warmup);
    }
    if (!settings.replicated()) {
      results.add(
          measure("produce acks=1", () -> tools.produce(ACKS_ONE_TOPIC, settings.records(), "1")));
    }
    results.add(
        measure(
            "produce acks=all" + suffix,
            () -> tools.produce(ACKS_ALL_TOPIC, settings.records(), "all")));
    results.add(
        measure("consume" + suffix, () -> tools.consume(ACKS_ALL_TOPIC, settings.records())));
    results.add(
        measure(
            "end-to-end latency acks=all" + suffix,
            () -> tools.endToEndLatency(LATENCY_TOPIC, settings.latencyRecords(), "all")));
    if (settings.replicated()) {
      results.add(
          measure(
              "failover: kill -9 a leader",
              () -> new FailoverProbe(cluster, FAILOVER_TOPIC).measure()));
    }
    return results;
  }

  static String firstLine(RuntimeException e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return message.lines().findFirst().orElse(e.getClass().getSimpleName());
  }

  private static TestResult measure(String test, Supplier<Map<Metric, Double>> run) {
    System.out.printf("  %s ...%n", test);
    long started = System.nanoTime();
    try {
      TestResult result = TestResult.of(test, run.get());
      System.out.printf(
          "  %s done in %.1f s: %s%n", test, (System.nanoTime() - started) / 1e9, result.figures());
      return result;
    } catch (RuntimeException e) {
      // One failed test (a tool crash, an unparseable output, a client error) must not cost the
      // figures of the others, nor of the other system.
      System.out.printf("  %s FAILED: %s%n", test, e);
      return TestResult.failed(test, firstLine(e));
    }
  }
}
