package dev.brook.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.kafka.common.KafkaException;

/**
 * Entry point of {@code make bench} (through {@code bench/run.sh}, which supplies the classpath):
 * measures Apache Kafka, then Brook, one after the other and never at the same time, with the same
 * {@link Scenario} ({@code BENCH_ROUNDS} times each, alternating), and prints and writes the
 * comparison.
 */
public final class BenchMain {

  private BenchMain() {}

  public static void main(String[] args) {
    Path repoRoot = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
    BenchSettings settings = BenchSettings.fromEnv(System.getenv(), repoRoot);
    MachineInfo machine = MachineInfo.current();
    Instant startedAt = Instant.now();
    // A benchmark interrupted with Ctrl-C must not leave brokers running on the shared machine.
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly),
                "stop-bench-processes"));
    System.out.printf(
        "brook-bench: %d core(s), %s; %d broker(s), %,d records of %d bytes, %d partitions%n",
        machine.cores(),
        machine.jvm(),
        settings.brokers(),
        settings.records(),
        settings.recordSizeBytes(),
        settings.partitions());

    Map<SystemKind, SystemOutcome> outcomes = measureInRounds(settings);
    SystemOutcome kafka = outcomes.get(SystemKind.KAFKA);
    SystemOutcome brook = outcomes.get(SystemKind.BROOK);
    for (SystemOutcome outcome : List.of(kafka, brook)) {
      outcome
          .skipped()
          .ifPresent(r -> System.out.println(outcome.kind().displayName() + " skipped: " + r));
    }

    ComparisonReport report = new ComparisonReport(settings, machine, startedAt, kafka, brook);
    System.out.println();
    System.out.println("test                               metric Kafka | Brook (Brook/Kafka)");
    report.consoleLines().forEach(System.out::println);
    write(settings.reportFile(), report.markdown());
    System.out.printf(
        "%nMarkdown table written to %s (whole run: %d s)%n",
        settings.reportFile(), Duration.between(startedAt, Instant.now()).toSeconds());
  }

  /**
   * Measures the systems one after the other, round after round (Kafka, Brook, Kafka, Brook, ...),
   * so that a machine getting busier during the run does not penalise one system only. A system
   * that cannot be measured once is not tried again.
   */
  private static Map<SystemKind, SystemOutcome> measureInRounds(BenchSettings settings) {
    Map<SystemKind, SystemOutcome> skipped = new EnumMap<>(SystemKind.class);
    Map<SystemKind, List<SystemOutcome>> measured = new EnumMap<>(SystemKind.class);
    for (SystemKind kind : SystemKind.values()) {
      measured.put(kind, new ArrayList<>());
      notMeasurable(kind, settings).ifPresent(reason -> skipped.put(kind, reason));
    }
    for (int round = 1; round <= settings.rounds(); round++) {
      for (SystemKind kind : SystemKind.values()) {
        if (!skipped.containsKey(kind)) {
          SystemOutcome outcome = measure(kind, settings, round);
          if (outcome.skipped().isPresent()) {
            skipped.put(kind, outcome);
          } else {
            measured.get(kind).add(outcome);
          }
        }
      }
    }
    Map<SystemKind, SystemOutcome> outcomes = new EnumMap<>(SystemKind.class);
    for (SystemKind kind : SystemKind.values()) {
      outcomes.put(
          kind,
          measured.get(kind).isEmpty()
              ? skipped.get(kind)
              : RoundMedian.of(kind, measured.get(kind)));
    }
    return outcomes;
  }

  private static Optional<SystemOutcome> notMeasurable(SystemKind kind, BenchSettings settings) {
    if (!settings.systems().contains(kind)) {
      return Optional.of(SystemOutcome.skipped(kind, "left out by BENCH_SYSTEMS"));
    }
    if (kind == SystemKind.BROOK && !Files.isRegularFile(settings.brookJar())) {
      return Optional.of(
          SystemOutcome.skipped(
              kind, settings.brookJar() + " not found (build broker-image first: make build)"));
    }
    return Optional.empty();
  }

  /** Starts the system, runs the scenario and stops it; a start failure becomes a skip. */
  private static SystemOutcome measure(SystemKind kind, BenchSettings settings, int round) {
    Path systemDir = settings.systemDir(kind);
    deleteRecursively(systemDir);
    System.out.printf(
        "%n== %s (round %d of %d): starting %d node(s)%n",
        kind.displayName(), round, settings.rounds(), settings.brokers());
    BenchCluster cluster;
    try {
      cluster = BenchCluster.start(kind, settings);
    } catch (RuntimeException e) {
      System.out.println(kind.displayName() + " did not start: " + e.getMessage());
      String hint =
          kind == SystemKind.BROOK && settings.replicated()
              ? " (does this Brook build support multi-broker clusters yet?)"
              : "";
      return SystemOutcome.skipped(kind, "did not start" + hint + ": " + Scenario.firstLine(e));
    }
    try (cluster) {
      System.out.printf("== %s: serving at %s%n", kind.displayName(), cluster.bootstrapServers());
      return SystemOutcome.measured(kind, new Scenario(settings).run(cluster, systemDir));
    } catch (BenchException | KafkaException e) {
      System.out.println(kind.displayName() + " could not be set up for the tests: " + e);
      return SystemOutcome.skipped(kind, "topics could not be set up: " + Scenario.firstLine(e));
    } finally {
      System.out.printf("== %s: stopped; logs under %s%n", kind.displayName(), systemDir);
      deleteDataDirs(cluster);
    }
  }

  /** Frees the disk (gigabytes per run) but keeps configs and logs for diagnosis. */
  private static void deleteDataDirs(BenchCluster cluster) {
    cluster.nodes().forEach(node -> deleteRecursively(node.dataDir()));
  }

  /** Removes {@code dir} and everything under it; nothing when it does not exist. */
  static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir, e);
    }
  }

  private static void write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
