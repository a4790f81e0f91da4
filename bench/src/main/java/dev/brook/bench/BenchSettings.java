package dev.brook.bench;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Everything a benchmark run is parameterised by, read from {@code BENCH_*} environment variables
 * so that {@code make bench} needs no arguments. Both systems always run with the same settings.
 *
 * @param records records per producer run (and read back by the consumer run)
 * @param warmupRecords records produced before measuring, identical for both systems
 * @param latencyRecords round trips of the end-to-end latency run
 * @param recordSizeBytes payload size of every record
 * @param partitions partitions of every benchmark topic
 * @param brokers 1 for the single-node comparison, 3 for the replicated one
 * @param systems which systems to measure, normally both
 * @param rounds how many times each system is measured, alternating; figures are medians
 * @param serverJvmOptions JVM flags of every broker process, Kafka's and Brook's alike
 * @param toolJvmOptions JVM flags of every perf-tool process
 * @param brookJar the shaded Brook broker; the Brook side is skipped when it is missing
 * @param workDir where node data, configs and logs live during the run (deleted per system)
 * @param reportFile where the Markdown table is written
 */
public record BenchSettings(
    long records,
    long warmupRecords,
    int latencyRecords,
    int recordSizeBytes,
    int partitions,
    int brokers,
    Set<SystemKind> systems,
    int rounds,
    List<String> serverJvmOptions,
    List<String> toolJvmOptions,
    Path brookJar,
    Path workDir,
    Path reportFile) {

  static final long DEFAULT_RECORDS = 1_000_000;
  static final long QUICK_RECORDS = 100_000;

  /** What {@code kafka-server-start.sh} runs a broker with (heap and performance options). */
  static final String DEFAULT_SERVER_JVM_OPTIONS =
      "-Xms1g -Xmx1g -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35"
          + " -XX:+ExplicitGCInvokesConcurrent -Djava.awt.headless=true";

  private static final String BROOK_JAR = "broker-image/target/brook-broker.jar";

  public BenchSettings {
    if (records <= 0 || warmupRecords < 0 || latencyRecords <= 0) {
      throw new IllegalArgumentException("record counts must be positive");
    }
    if (brokers != 1 && brokers != 3) {
      throw new IllegalArgumentException("BENCH_CLUSTER must be 1 or 3, got " + brokers);
    }
    if (rounds < 1) {
      throw new IllegalArgumentException("BENCH_ROUNDS must be at least 1, got " + rounds);
    }
    if (systems.isEmpty()) {
      throw new IllegalArgumentException(
          "BENCH_SYSTEMS names no system (use kafka, brook or both)");
    }
    systems = Set.copyOf(systems);
    serverJvmOptions = List.copyOf(serverJvmOptions);
    toolJvmOptions = List.copyOf(toolJvmOptions);
  }

  /** Reads the settings; {@code BENCH_QUICK=1} shrinks every default for a one-minute smoke run. */
  public static BenchSettings fromEnv(Map<String, String> env, Path repoRoot) {
    boolean quick = "1".equals(env.getOrDefault("BENCH_QUICK", "0"));
    int brokers = (int) longOf(env, "BENCH_CLUSTER", 1);
    // Three replicating brokers share the same cores, so each record costs about three times as
    // much CPU: fewer records keep the run's length comparable.
    long records =
        longOf(
            env,
            "BENCH_RECORDS",
            (quick ? QUICK_RECORDS : DEFAULT_RECORDS) / (brokers > 1 ? 2 : 1));
    return new BenchSettings(
        records,
        longOf(env, "BENCH_WARMUP_RECORDS", records / 5),
        (int) longOf(env, "BENCH_LATENCY_RECORDS", quick ? 1_000 : 10_000),
        (int) longOf(env, "BENCH_RECORD_SIZE", 1024),
        (int) longOf(env, "BENCH_PARTITIONS", 6),
        brokers,
        systemsOf(env.getOrDefault("BENCH_SYSTEMS", "kafka,brook")),
        (int) longOf(env, "BENCH_ROUNDS", 1),
        words(env.getOrDefault("BENCH_SERVER_JVM_OPTS", DEFAULT_SERVER_JVM_OPTIONS)),
        words(env.getOrDefault("BENCH_TOOL_JVM_OPTS", "-Xms512m -Xmx512m -XX:+UseG1GC")),
        Path.of(env.getOrDefault("BENCH_BROOK_JAR", repoRoot.resolve(BROOK_JAR).toString())),
        Path.of(
            env.getOrDefault("BENCH_WORK_DIR", repoRoot.resolve("bench/target/run").toString())),
        Path.of(
            env.getOrDefault(
                "BENCH_REPORT", repoRoot.resolve("bench/results/latest.md").toString())));
  }

  /** Where one system's nodes and tool outputs live during a run. */
  public Path systemDir(SystemKind kind) {
    return workDir.resolve(kind.name().toLowerCase(Locale.ROOT));
  }

  public boolean replicated() {
    return brokers > 1;
  }

  /** Replication factor of the benchmark topics: every broker holds a replica. */
  public short replicationFactor() {
    return (short) brokers;
  }

  private static long longOf(Map<String, String> env, String key, long fallback) {
    String value = env.get(key);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return Long.parseLong(value.trim().replace("_", ""));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be a whole number, got '" + value + "'", e);
    }
  }

  private static Set<SystemKind> systemsOf(String value) {
    Set<SystemKind> systems = EnumSet.noneOf(SystemKind.class);
    for (String name : value.split(",")) {
      if (!name.isBlank()) {
        try {
          systems.add(SystemKind.valueOf(name.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(
              "BENCH_SYSTEMS: unknown system '" + name.trim() + "' (use kafka, brook or both)", e);
        }
      }
    }
    return systems;
  }

  private static List<String> words(String value) {
    return value.isBlank() ? List.of() : List.of(value.trim().split("\\s+"));
  }
}
