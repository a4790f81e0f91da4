package dev.brook.broker.log;

import static dev.brook.broker.log.TestRecords.batch;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;

/**
 * Whatever is written after the last whole batch (random bytes, or a cut inside the last batch),
 * recovery keeps exactly the whole batches before it and appends continue at the next offset.
 */
class RecoveryPropertyTest {

  static final long NOW = 1_700_000_000_000L;

  @Property(tries = 40, seed = "20261125")
  void shouldKeepExactlyTheWholeBatchesWhenTailIsDamaged(
      @ForAll @IntRange(min = 1, max = 30) int batches,
      @ForAll @IntRange(min = 1, max = 500) int garbageBytes,
      @ForAll @IntRange(min = 0, max = 60) int cutBytes,
      @ForAll long garbageSeed)
      throws Exception {
    Path dir = Files.createTempDirectory("recovery-property");
    try {
      LogConfig config =
          LogConfig.defaults()
              .withOverrides(
                  Map.of(LogConfig.INTERNAL_SEGMENT_BYTES, "700", "index.interval.bytes", "100"));
      TopicPartition tp = new TopicPartition("p", 0);
      Uuid topicId = Uuid.randomUuid();
      Log log = Log.open(dir.resolve("p-0"), tp, topicId, config, new ManualTime(NOW), true);
      for (int i = 0; i < batches; i++) {
        log.appendAsLeader(batch(NOW, "r" + i, "s" + i), 0);
      }
      long lastBase = log.segmentBaseOffsets().get(log.segmentCount() - 1);
      log.flush();
      Path active = dir.resolve("p-0").resolve(LogFiles.filenamePrefix(lastBase) + ".log");
      long expectedEnd = damage(active, cutBytes, garbageBytes, garbageSeed, log.logEndOffset());

      Log recovered = Log.open(dir.resolve("p-0"), tp, topicId, config, new ManualTime(NOW), false);

      assertThat(recovered.logEndOffset()).isEqualTo(expectedEnd);
      assertThat(LogRecoveryTest.countRecords(recovered)).isEqualTo(expectedEnd);
      assertThat(recovered.appendAsLeader(batch(NOW, "next"), 0).firstOffset())
          .isEqualTo(expectedEnd);
      recovered.close();
    } finally {
      try (Stream<Path> paths = Files.walk(dir)) {
        paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /**
   * Cuts {@code cutBytes} off the file (tearing the last batch when positive), then appends
   * garbage; returns the end offset recovery must find. Each batch holds two records.
   */
  private static long damage(Path file, int cutBytes, int garbageBytes, long seed, long endOffset)
      throws Exception {
    long expectedEnd = endOffset;
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      if (cutBytes > 0 && raf.length() > 0) {
        raf.setLength(Math.max(0, raf.length() - cutBytes));
        expectedEnd -= 2;
      }
      byte[] garbage = new byte[garbageBytes];
      new Random(seed).nextBytes(garbage);
      raf.seek(raf.length());
      raf.write(garbage);
    }
    return expectedEnd;
  }
}
