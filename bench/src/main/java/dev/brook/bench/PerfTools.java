package dev.brook.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Runs Kafka's own perf tools from {@code kafka-tools}, each in its own JVM with the same flags,
 * against one cluster, and reads their summaries. Outputs are kept under the work dir.
 */
public final class PerfTools {

  private static final String TOOL_LOG4J = "bench-tool-log4j2.properties";
  private static final Duration TOOL_TIMEOUT = Duration.ofMinutes(10);

  private final BenchSettings settings;
  private final String bootstrapServers;
  private final Path outputDir;

  public PerfTools(BenchSettings settings, String bootstrapServers, Path outputDir) {
    this.settings = settings;
    this.bootstrapServers = bootstrapServers;
    this.outputDir = outputDir;
  }

  /** ProducerPerformance, unthrottled, with the producer's defaults apart from {@code acks}. */
  public Map<Metric, Double> produce(String topic, long records, String acks) {
    String stdout =
        run(
            "producer-" + topic + "-acks-" + acks,
            "org.apache.kafka.tools.ProducerPerformance",
            List.of(
                "--bootstrap-server",
                bootstrapServers,
                "--topic",
                topic,
                "--num-records",
                Long.toString(records),
                "--record-size",
                Integer.toString(settings.recordSizeBytes()),
                "--throughput",
                "-1",
                "--command-property",
                "acks=" + acks));
    return PerfOutputParser.producer(stdout);
  }

  /** ConsumerPerformance reading {@code records} from the start of {@code topic}. */
  public Map<Metric, Double> consume(String topic, long records) {
    String stdout =
        run(
            "consumer-" + topic,
            "org.apache.kafka.tools.ConsumerPerformance",
            List.of(
                "--bootstrap-server",
                bootstrapServers,
                "--topic",
                topic,
                "--num-records",
                Long.toString(records),
                "--group",
                "bench-consumer-" + topic,
                "--timeout",
                "30000"));
    long consumed = PerfOutputParser.consumedRecords(stdout);
    if (consumed < records) {
      throw new BenchException(
          "ConsumerPerformance read " + consumed + " of " + records + " records from " + topic);
    }
    return PerfOutputParser.consumer(stdout);
  }

  /** EndToEndLatency: one record at a time, produced and then polled back. */
  public Map<Metric, Double> endToEndLatency(String topic, int records, String acks) {
    String stdout =
        run(
            "latency-" + topic,
            "org.apache.kafka.tools.EndToEndLatency",
            List.of(
                bootstrapServers,
                topic,
                Integer.toString(records),
                acks,
                Integer.toString(settings.recordSizeBytes())));
    return PerfOutputParser.endToEndLatency(stdout);
  }

  private String run(String name, String mainClass, List<String> args) {
    Path log = outputDir.resolve(name + ".out");
    ManagedProcess tool =
        ManagedProcess.start(
            name,
            JavaCommand.mainClass(settings.toolJvmOptions(), TOOL_LOG4J, mainClass, args),
            log);
    int exit = tool.awaitExit(TOOL_TIMEOUT);
    if (exit != 0) {
      throw new BenchException(
          mainClass + " exited with " + exit + "; last lines of " + log + ":\n" + tool.logTail(15));
    }
    try {
      return Files.readString(log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
