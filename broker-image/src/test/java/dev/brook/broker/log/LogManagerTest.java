package dev.brook.broker.log;

import static dev.brook.broker.log.TestRecords.batch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.KafkaStorageException;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogManagerTest {

  static final long NOW = 1_700_000_000_000L;

  @TempDir Path root;
  final ManualTime time = new ManualTime(NOW);
  final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

  @AfterEach
  void stopScheduler() {
    scheduler.shutdownNow();
  }

  LogManager manager(List<Path> dirs) {
    return new LogManager(dirs, LogConfig.defaults(), time, scheduler, 300_000L);
  }

  @Test
  void shouldReloadLogsAndCheckpointsWhenRestartedAfterCleanShutdown() throws Exception {
    Path dir = root.resolve("data");
    LogManager first = manager(List.of(dir));
    first.startup(topic -> LogConfig.defaults());
    TopicPartition tp = new TopicPartition("my-topic-with-dashes", 3);
    Uuid topicId = Uuid.randomUuid();
    Log log = first.getOrCreateLog(tp, topicId, LogConfig.defaults());
    log.appendAsLeader(batch(NOW, "a", "b"), 0);
    log.updateHighWatermark(2);
    first.shutdown();
    assertThat(dir.resolve(LogDirectory.CLEAN_SHUTDOWN_FILE)).exists();

    LogManager second = manager(List.of(dir));
    second.startup(topic -> LogConfig.defaults());

    Log reloaded = second.getLog(tp).orElseThrow();
    assertThat(reloaded.logEndOffset()).isEqualTo(2);
    assertThat(reloaded.highWatermark()).isEqualTo(2);
    assertThat(reloaded.topicId()).isEqualTo(topicId);
    assertThat(dir.resolve(LogDirectory.CLEAN_SHUTDOWN_FILE)).doesNotExist();
    second.shutdown();
  }

  @Test
  void shouldSpreadNewLogsOverDirectoriesWhenSeveralAreConfigured() throws Exception {
    LogManager manager = manager(List.of(root.resolve("d1"), root.resolve("d2")));
    manager.startup(topic -> LogConfig.defaults());

    for (int p = 0; p < 4; p++) {
      manager.getOrCreateLog(new TopicPartition("t", p), Uuid.randomUuid(), LogConfig.defaults());
    }

    try (var d1 = Files.list(root.resolve("d1"));
        var d2 = Files.list(root.resolve("d2"))) {
      assertThat(d1.filter(Files::isDirectory).count()).isEqualTo(2);
      assertThat(d2.filter(Files::isDirectory).count()).isEqualTo(2);
    }
    manager.shutdown();
  }

  @Test
  void shouldRenameAndLaterRemoveDirectoryWhenLogIsDeleted() throws Exception {
    Path dir = root.resolve("data");
    LogManager manager = manager(List.of(dir));
    manager.startup(topic -> LogConfig.defaults());
    TopicPartition tp = new TopicPartition("gone", 0);
    LogConfig quickDelete = LogConfig.defaults().withOverrides(Map.of("file.delete.delay.ms", "0"));
    manager.getOrCreateLog(tp, Uuid.randomUuid(), quickDelete).appendAsLeader(batch(NOW, "x"), 0);

    manager.deleteLog(tp);

    assertThat(manager.getLog(tp)).isEmpty();
    assertThat(dir.resolve("gone-0")).doesNotExist();
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> {
              try (var children = Files.list(dir)) {
                return children.noneMatch(Files::isDirectory);
              }
            });
    manager.shutdown();
  }

  @Test
  void shouldRefuseDirectoryWhenAnotherManagerHoldsIt() throws Exception {
    Path dir = root.resolve("data");
    LogManager first = manager(List.of(dir));
    first.startup(topic -> LogConfig.defaults());

    LogManager second = manager(List.of(dir));
    assertThatThrownBy(() -> second.startup(topic -> LogConfig.defaults()))
        .isInstanceOf(KafkaStorageException.class);
    first.shutdown();
  }

  @Test
  void shouldRecoverWhenMarkerIsMissingAfterCrash() throws Exception {
    Path dir = root.resolve("data");
    TopicPartition tp = new TopicPartition("crashy", 0);
    // A process that dies: the log is written but never closed, so no marker and no checkpoints.
    Log crashed =
        Log.open(dir.resolve("crashy-0"), tp, Uuid.randomUuid(), LogConfig.defaults(), time, true);
    crashed.appendAsLeader(batch(NOW, "a"), 0);
    crashed.appendAsLeader(batch(NOW, "b"), 0);
    crashed.flush();
    LogRecoveryTest.appendGarbage(
        dir.resolve("crashy-0").resolve(LogFiles.filenamePrefix(0) + ".log"), 64, 7L);

    LogManager manager = manager(List.of(dir));
    manager.startup(topic -> LogConfig.defaults());

    Log recovered = manager.getLog(tp).orElseThrow();
    assertThat(recovered.logEndOffset()).isEqualTo(2);
    assertThat(recovered.appendAsLeader(batch(NOW, "c"), 0).firstOffset()).isEqualTo(2);
    manager.shutdown();
  }

  @Test
  void shouldEnforceRetentionInTheBackground() throws Exception {
    LogManager manager =
        new LogManager(List.of(root.resolve("data")), LogConfig.defaults(), time, scheduler, 50L);
    manager.startup(topic -> LogConfig.defaults());
    LogConfig config =
        LogConfig.defaults()
            .withOverrides(
                Map.of(
                    LogConfig.INTERNAL_SEGMENT_BYTES,
                    "300",
                    "retention.ms",
                    "60000",
                    "file.delete.delay.ms",
                    "0"));
    Log log = manager.getOrCreateLog(new TopicPartition("old", 0), Uuid.randomUuid(), config);
    for (int i = 0; i < 20; i++) {
      log.appendAsLeader(batch(NOW - 120_000L, "v" + i), 0);
    }
    log.updateHighWatermark(log.logEndOffset());

    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> log.logStartOffset() == 20);

    assertThat(log.segmentCount()).isEqualTo(1);
    manager.shutdown();
  }

  @Test
  void shouldKeepLogStartOffsetAcrossRestartWhenRecordsWereDeleted() throws Exception {
    Path dir = root.resolve("data");
    LogManager first = manager(List.of(dir));
    first.startup(topic -> LogConfig.defaults());
    TopicPartition tp = new TopicPartition("purged", 0);
    Log log = first.getOrCreateLog(tp, Uuid.randomUuid(), LogConfig.defaults());
    for (int i = 0; i < 10; i++) {
      log.appendAsLeader(batch(NOW, "v" + i), 0);
    }
    log.updateHighWatermark(10);
    log.maybeIncrementLogStartOffset(6);
    first.updateTopicConfig(
        "purged", LogConfig.defaults().withOverrides(Map.of("retention.ms", "5")));
    assertThat(log.config().retentionMs()).isEqualTo(5);
    first.shutdown();

    LogManager second = manager(List.of(dir));
    second.startup(topic -> LogConfig.defaults());

    assertThat(second.getLog(tp).orElseThrow().logStartOffset()).isEqualTo(6);
    second.shutdown();
  }

  @Test
  void shouldReportLargestProducerIdWhenReloaded() throws Exception {
    Path dir = root.resolve("data");
    LogManager first = manager(List.of(dir));
    first.startup(topic -> LogConfig.defaults());
    Log log =
        first.getOrCreateLog(
            new TopicPartition("pids", 0), Uuid.randomUuid(), LogConfig.defaults());
    log.appendAsLeader(TestRecords.idempotent(17L, (short) 0, 0, NOW, "a"), 0);
    log.appendAsLeader(TestRecords.idempotent(9L, (short) 0, 0, NOW, "b"), 0);
    first.shutdown();

    LogManager second = manager(List.of(dir));
    second.startup(topic -> LogConfig.defaults());

    assertThat(second.largestProducerId()).isEqualTo(17L);
    second.shutdown();
  }
}
