package dev.brook.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * Puts the {@link SemanticsProbe} questions to a single Brook broker and a single Apache Kafka
 * broker (KRaft, from this module's own Maven Central jars) started side by side, and requires the
 * same answers: Kafka is the reference for every error code and deterministic value.
 */
class KafkaSemanticsProbeIT {

  /** Both brokers get the same small heap; the probe moves a handful of records. */
  private static final List<String> SERVER_JVM =
      List.of("-Xms128m", "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

  private static final Map<String, String> OVERRIDES = Map.of("auto.create.topics.enable", "true");

  /**
   * Where Brook answers differently on purpose: the question, Brook's answer (asserted, so a change
   * on either side is noticed) and why. Kafka's answer is printed beside it.
   */
  private static final Map<String, KnownDifference> KNOWN_DIFFERENCES =
      Map.of(
          "metadata v13 unknown topic, auto-create, first answer",
          new KnownDifference(
              "NONE",
              "Brook creates the topic before answering and describes it with its leaders; Kafka"
                  + " answers UNKNOWN_TOPIC_OR_PARTITION while its controller creates it, and the"
                  + " client asks again"),
          "listOffsets v11 after deleteRecords, timestamp -3",
          new KnownDifference(
              "offset 2, timestamp 1000, epoch 0, NONE",
              "Kafka's max-timestamp lookup ignores the log start offset and can name a deleted"
                  + " record (offset 0 here); Brook answers the first record with the largest"
                  + " timestamp at or above the log start"));

  private record KnownDifference(String brookAnswer, String reason) {}

  @Test
  void shouldAnswerEveryProbeQuestionAsApacheKafkaDoes() throws Exception {
    BenchSettings settings = settings();
    // Both brokers start empty: the probe's answers depend on it (and Kafka refuses to format a
    // directory of another cluster).
    BenchMain.deleteRecursively(settings.workDir());
    long started = System.nanoTime();
    CompletableFuture<BenchCluster> kafkaStart =
        CompletableFuture.supplyAsync(
            () -> BenchCluster.start(SystemKind.KAFKA, settings, OVERRIDES));
    try (BenchCluster brook = BenchCluster.start(SystemKind.BROOK, settings, OVERRIDES);
        BenchCluster kafka = kafkaStart.join()) {
      long startedMs = (System.nanoTime() - started) / 1_000_000;
      Map<String, String> kafkaAnswers = probe(kafka);
      Map<String, String> brookAnswers = probe(brook);
      System.out.printf(
          "semantics probe: brokers up in %d ms, %d questions, probes done after %d ms%n",
          startedMs, kafkaAnswers.size(), (System.nanoTime() - started) / 1_000_000);
      print(kafkaAnswers, brookAnswers);

      assertThat(brookAnswers.keySet()).as("questions answered").isEqualTo(kafkaAnswers.keySet());
      SoftAssertions softly = new SoftAssertions();
      kafkaAnswers.forEach(
          (question, expected) -> {
            KnownDifference known = KNOWN_DIFFERENCES.get(question);
            softly
                .assertThat(brookAnswers.get(question))
                .as(
                    known == null
                        ? question
                        : question + " (known difference: " + known.reason() + ")")
                .isEqualTo(known == null ? expected : known.brookAnswer());
          });
      softly.assertAll();
    } finally {
      kafkaStart.thenAccept(BenchCluster::close);
    }
  }

  private static Map<String, String> probe(BenchCluster cluster) throws Exception {
    try (Admin admin = cluster.admin()) {
      return SemanticsProbe.run(cluster.bootstrapServers(), admin);
    }
  }

  private static void print(Map<String, String> kafka, Map<String, String> brook) {
    String table =
        new TreeSet<>(kafka.keySet())
            .stream()
                .map(
                    q ->
                        (kafka.get(q).equals(brook.get(q)) ? "  same " : "  DIFF ")
                            + q
                            + ": kafka="
                            + kafka.get(q)
                            + (kafka.get(q).equals(brook.get(q)) ? "" : " brook=" + brook.get(q)))
                .collect(Collectors.joining("\n"));
    System.out.println(table);
  }

  private static BenchSettings settings() {
    Path workDir = Path.of(System.getProperty("brook.probe.work.dir", "target/semantics-probe"));
    Path jar =
        Path.of(System.getProperty("brook.broker.jar", "../broker-image/target/brook-broker.jar"));
    return new BenchSettings(
        1,
        0,
        1,
        100,
        2,
        1,
        EnumSet.allOf(SystemKind.class),
        1,
        SERVER_JVM,
        SERVER_JVM,
        jar.toAbsolutePath(),
        workDir.toAbsolutePath(),
        workDir.resolve("unused-report.md").toAbsolutePath());
  }
}
