package dev.brook.broker.log;

import static dev.brook.broker.log.TestRecords.batch;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.record.RecordBatch;
import org.apache.kafka.common.record.Records;
import org.apache.kafka.common.utils.Time;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogConcurrencyTest {

  static final int BATCHES = 3000;

  @TempDir Path root;

  @Test
  void shouldOnlyEverReturnWholeValidBatchesWhenReadingDuringAppends() throws Exception {
    LogConfig config =
        LogConfig.defaults()
            .withOverrides(
                Map.of(LogConfig.INTERNAL_SEGMENT_BYTES, "20000", "index.interval.bytes", "512"));
    Log log =
        Log.open(
            root.resolve("c-0"),
            new TopicPartition("c", 0),
            Uuid.randomUuid(),
            config,
            Time.SYSTEM,
            true);
    AtomicBoolean writing = new AtomicBoolean(true);
    ExecutorService readers = Executors.newFixedThreadPool(2);
    List<Future<Long>> results = new ArrayList<>();
    for (int r = 0; r < 2; r++) {
      results.add(readers.submit(() -> readUntilDone(log, writing)));
    }

    for (int i = 0; i < BATCHES; i++) {
      log.appendAsLeader(batch(System.currentTimeMillis(), "payload-" + i, "second-" + i), 0);
      log.updateHighWatermark(log.logEndOffset());
    }
    writing.set(false);

    for (Future<Long> result : results) {
      assertThat(result.get(60, TimeUnit.SECONDS)).isEqualTo(2L * BATCHES);
    }
    readers.shutdown();
    log.close();
  }

  /** Reads from offset 0 to the end, checking every batch, until the writer is done. */
  private static long readUntilDone(Log log, AtomicBoolean writing) {
    long next = 0;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while ((writing.get() || next < log.highWatermark()) && System.nanoTime() < deadline) {
      Records records = log.read(next, 4096, log.highWatermark(), true).records();
      for (RecordBatch batch : records.batches()) {
        batch.ensureValid();
        if (batch.baseOffset() != next) {
          throw new AssertionError("Expected batch at " + next + " but got " + batch.baseOffset());
        }
        next = batch.nextOffset();
      }
    }
    return next;
  }
}
