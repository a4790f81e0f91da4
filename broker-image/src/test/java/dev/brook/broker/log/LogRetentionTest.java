package dev.brook.broker.log;

import static dev.brook.broker.log.TestRecords.batch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Stream;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.OffsetOutOfRangeException;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogRetentionTest {

  static final TopicPartition TP = new TopicPartition("metrics", 0);
  static final long NOW = 1_700_000_000_000L;

  @TempDir Path root;
  final ManualTime time = new ManualTime(NOW);
  final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  Log log;

  @AfterEach
  void tearDown() throws Exception {
    if (log != null) {
      log.close();
    }
    scheduler.shutdownNow();
  }

  Log open(Map<String, String> overrides) throws Exception {
    Map<String, String> all = new HashMap<>(Map.of(LogConfig.INTERNAL_SEGMENT_BYTES, "300"));
    all.putAll(overrides);
    LogConfig config = LogConfig.defaults().withOverrides(all);
    return Log.open(
        root.resolve("metrics-0"),
        TP,
        Uuid.randomUuid(),
        config,
        time,
        true,
        LogOpenOptions.defaults().withScheduler(scheduler));
  }

  void appendAndCommit(int count, long timestamp) {
    for (int i = 0; i < count; i++) {
      log.appendAsLeader(batch(timestamp, "value-" + i), 0);
    }
    log.updateHighWatermark(log.logEndOffset());
  }

  long filesEndingWith(String suffix) throws Exception {
    try (Stream<Path> files = Files.list(root.resolve("metrics-0"))) {
      return files.filter(f -> f.getFileName().toString().endsWith(suffix)).count();
    }
  }

  @Test
  void shouldDeleteSegmentsOlderThanRetentionMsAndMoveLogStart() throws Exception {
    log = open(Map.of("retention.ms", "3600000", "file.delete.delay.ms", "0"));
    appendAndCommit(10, NOW - 7_200_000L);
    int oldSegments = log.segmentCount();
    appendAndCommit(10, NOW);

    int deleted = log.deleteSegmentsPastRetention();

    assertThat(deleted).isGreaterThanOrEqualTo(oldSegments - 1);
    assertThat(log.logStartOffset()).isGreaterThan(0).isLessThanOrEqualTo(10);
    assertThatThrownBy(() -> log.read(0, 1000, log.logEndOffset(), false))
        .isInstanceOf(OffsetOutOfRangeException.class);
    assertThat(
            log.read(log.logStartOffset(), 1000, log.logEndOffset(), false).records().sizeInBytes())
        .isPositive();
  }

  @Test
  void shouldDeleteOldestSegmentsWhenOverRetentionBytes() throws Exception {
    log = open(Map.of("retention.bytes", "700", "file.delete.delay.ms", "0"));
    appendAndCommit(40, NOW);

    long sizeBefore = log.sizeInBytes();

    log.deleteSegmentsPastRetention();

    // Kafka's rule: delete oldest segments while the rest would still be at least retention.bytes
    assertThat(sizeBefore).isGreaterThan(2000);
    assertThat(log.sizeInBytes()).isGreaterThanOrEqualTo(700).isLessThan(700 + 300);
    assertThat(log.logEndOffset()).isEqualTo(40);
    assertThat(log.logStartOffset()).isEqualTo(log.segmentBaseOffsets().get(0));
  }

  @Test
  void shouldNotDeleteSegmentsAboveTheHighWatermark() throws Exception {
    log = open(Map.of("retention.ms", "1000", "file.delete.delay.ms", "0"));
    for (int i = 0; i < 20; i++) {
      log.appendAsLeader(batch(NOW - 10_000L, "v" + i), 0);
    }
    log.updateHighWatermark(0);

    assertThat(log.deleteSegmentsPastRetention()).isZero();
    assertThat(log.logStartOffset()).isZero();
  }

  @Test
  void shouldRollAndEmptyTheLogWhenEveryRecordExpired() throws Exception {
    log = open(Map.of("retention.ms", "1000", "file.delete.delay.ms", "0"));
    appendAndCommit(3, NOW - 10_000L);

    log.deleteSegmentsPastRetention();

    assertThat(log.logStartOffset()).isEqualTo(3);
    assertThat(log.logEndOffset()).isEqualTo(3);
    assertThat(log.appendAsLeader(batch(NOW, "fresh"), 0).firstOffset()).isEqualTo(3);
  }

  @Test
  void shouldKeepFilesRenamedUntilTheDeleteDelayPasses() throws Exception {
    log = open(Map.of("retention.bytes", "0", "file.delete.delay.ms", "300"));
    appendAndCommit(20, NOW);

    int deleted = log.deleteSegmentsPastRetention();

    assertThat(deleted).isPositive();
    assertThat(filesEndingWith(".log.deleted")).isEqualTo(deleted);
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> filesEndingWith(".deleted") == 0);
  }

  @Test
  void shouldMoveLogStartOffsetWhenRecordsAreDeleted() throws Exception {
    log = open(Map.of("file.delete.delay.ms", "0"));
    appendAndCommit(30, NOW);

    assertThat(log.maybeIncrementLogStartOffset(17)).isTrue();
    log.deleteSegmentsPastRetention();

    assertThat(log.logStartOffset()).isEqualTo(17);
    assertThat(log.segmentBaseOffsets().get(0)).isLessThanOrEqualTo(17);
    assertThat(log.fetchOffsetByTimestamp(0).orElseThrow().offset()).isEqualTo(17);
    assertThatThrownBy(() -> log.maybeIncrementLogStartOffset(31))
        .isInstanceOf(OffsetOutOfRangeException.class);
  }
}
