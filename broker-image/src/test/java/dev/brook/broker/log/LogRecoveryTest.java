package dev.brook.broker.log;

import static dev.brook.broker.log.TestRecords.batch;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.record.RecordBatch;
import org.apache.kafka.common.record.Records;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogRecoveryTest {

  static final TopicPartition TP = new TopicPartition("events", 2);
  static final long NOW = 1_700_000_000_000L;
  static final long SEED = 20261125L;

  @TempDir Path root;
  final ManualTime time = new ManualTime(NOW);
  final Uuid topicId = Uuid.randomUuid();

  Log open(LogConfig config, boolean clean) throws Exception {
    return Log.open(root.resolve("events-2"), TP, topicId, config, time, clean);
  }

  static LogConfig smallSegments() {
    return LogConfig.defaults()
        .withOverrides(
            Map.of(LogConfig.INTERNAL_SEGMENT_BYTES, "400", "index.interval.bytes", "64"));
  }

  /** Simulates a crash: the process dies without close(), so indexes stay preallocated. */
  static void appendGarbage(Path logFile, int bytes, long seed) throws Exception {
    byte[] garbage = new byte[bytes];
    new Random(seed).nextBytes(garbage);
    try (RandomAccessFile file = new RandomAccessFile(logFile.toFile(), "rw")) {
      file.seek(file.length());
      file.write(garbage);
    }
  }

  static long countRecords(Log log) {
    long count = 0;
    long next = log.logStartOffset();
    while (next < log.logEndOffset()) {
      Records records = log.read(next, 1 << 20, log.logEndOffset(), false).records();
      for (RecordBatch batch : records.batches()) {
        count += batch.countOrNull();
        next = batch.nextOffset();
      }
    }
    return count;
  }

  @Test
  void shouldTruncateGarbageTailWhenReopenedAfterUncleanShutdown() throws Exception {
    Log log = open(smallSegments(), true);
    for (int i = 0; i < 25; i++) {
      log.appendAsLeader(batch(NOW, "record-" + i), 0);
    }
    long activeBase = log.segmentBaseOffsets().get(log.segmentCount() - 1);
    log.flush();
    Path activeFile =
        root.resolve("events-2").resolve(LogFiles.filenamePrefix(activeBase) + ".log");
    long validSize = Files.size(activeFile);
    appendGarbage(activeFile, 177, SEED);

    Log recovered = open(smallSegments(), false);

    assertThat(recovered.logEndOffset()).isEqualTo(25);
    assertThat(Files.size(activeFile)).isEqualTo(validSize);
    assertThat(countRecords(recovered)).isEqualTo(25);
    LogAppendInfo next = recovered.appendAsLeader(batch(NOW, "after-crash"), 0);
    assertThat(next.firstOffset()).isEqualTo(25);
    recovered.close();
  }

  @Test
  void shouldTruncateTornBatchWhenLastWriteWasPartial() throws Exception {
    Log log = open(LogConfig.defaults(), true);
    for (int i = 0; i < 5; i++) {
      log.appendAsLeader(batch(NOW, "v" + i, "w" + i), 0);
    }
    log.flush();
    Path file = root.resolve("events-2").resolve(LogFiles.filenamePrefix(0) + ".log");
    long size = Files.size(file);
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.setLength(size - 7);
    }

    Log recovered = open(LogConfig.defaults(), false);

    assertThat(recovered.logEndOffset()).isEqualTo(8);
    assertThat(countRecords(recovered)).isEqualTo(8);
    recovered.close();
  }

  @Test
  void shouldRebuildIndexesWhenTheyAreMissing() throws Exception {
    Log log = open(smallSegments(), true);
    for (int i = 0; i < 20; i++) {
      log.appendAsLeader(batch(NOW + i, "record-" + i), 0);
    }
    log.close();
    Path dir = root.resolve("events-2");
    Files.delete(dir.resolve(LogFiles.filenamePrefix(0) + ".index"));
    Files.delete(dir.resolve(LogFiles.filenamePrefix(0) + ".timeindex"));

    Log reopened = open(smallSegments(), true);

    assertThat(reopened.logEndOffset()).isEqualTo(20);
    assertThat(countRecords(reopened)).isEqualTo(20);
    assertThat(reopened.fetchOffsetByTimestamp(NOW + 1).orElseThrow().offset()).isEqualTo(1);
    reopened.close();
  }

  @Test
  void shouldDeleteLeftoverFilesWhenLoading() throws Exception {
    Log log = open(LogConfig.defaults(), true);
    log.appendAsLeader(batch(NOW, "a"), 0);
    log.close();
    Path dir = root.resolve("events-2");
    Files.writeString(dir.resolve(LogFiles.filenamePrefix(50) + ".log.deleted"), "old");
    Files.writeString(dir.resolve(LogFiles.filenamePrefix(90) + ".index"), "orphan");

    Log reopened = open(LogConfig.defaults(), true);

    assertThat(dir.resolve(LogFiles.filenamePrefix(50) + ".log.deleted")).doesNotExist();
    assertThat(dir.resolve(LogFiles.filenamePrefix(90) + ".index")).doesNotExist();
    assertThat(reopened.logEndOffset()).isEqualTo(1);
    reopened.close();
  }

  @Test
  void shouldDropLaterSegmentsWhenAnEarlierSegmentIsCorrupt() throws Exception {
    Log log = open(smallSegments(), true);
    for (int i = 0; i < 25; i++) {
      log.appendAsLeader(batch(NOW, "record-" + i), 0);
    }
    long secondBase = log.segmentBaseOffsets().get(1);
    log.flush();
    Path first = root.resolve("events-2").resolve(LogFiles.filenamePrefix(0) + ".log");
    try (RandomAccessFile raf = new RandomAccessFile(first.toFile(), "rw")) {
      raf.seek(raf.length() - 5);
      raf.write(new byte[] {1, 2, 3, 4, 5});
    }

    Log recovered =
        Log.open(
            root.resolve("events-2"),
            TP,
            topicId,
            smallSegments(),
            time,
            false,
            LogOpenOptions.defaults());

    assertThat(recovered.segmentCount()).isEqualTo(1);
    assertThat(recovered.logEndOffset()).isLessThan(secondBase);
    assertThat(countRecords(recovered)).isEqualTo(recovered.logEndOffset());
    recovered.close();
  }
}
