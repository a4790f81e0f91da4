package dev.brook.broker.log;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * The per-log-directory offset checkpoints: {@code recovery-point-offset-checkpoint}, {@code
 * log-start-offset-checkpoint} and {@code replication-offset-checkpoint} (high watermarks). Each is
 * a {@link CheckpointFile} of "topic partition offset" lines; Kafka topic names hold no spaces.
 */
final class OffsetCheckpoints {

  static final String RECOVERY_POINT = "recovery-point-offset-checkpoint";
  static final String LOG_START_OFFSET = "log-start-offset-checkpoint";
  static final String HIGH_WATERMARK = "replication-offset-checkpoint";
  private static final int VERSION = 0;

  private OffsetCheckpoints() {}

  static Map<TopicPartition, Long> read(Path logDir, String name) {
    Map<TopicPartition, Long> offsets = new HashMap<>();
    new CheckpointFile(logDir.resolve(name), VERSION)
        .read()
        .ifPresent(
            lines -> {
              for (String line : lines) {
                String[] fields = line.split(" ");
                if (fields.length == 3) {
                  offsets.put(
                      new TopicPartition(fields[0], Integer.parseInt(fields[1])),
                      Long.parseLong(fields[2]));
                }
              }
            });
    return offsets;
  }

  static void write(Path logDir, String name, Map<TopicPartition, Long> offsets) {
    List<String> lines = new ArrayList<>(offsets.size());
    offsets.forEach((tp, offset) -> lines.add(tp.topic() + " " + tp.partition() + " " + offset));
    new CheckpointFile(logDir.resolve(name), VERSION).write(lines);
  }
}
