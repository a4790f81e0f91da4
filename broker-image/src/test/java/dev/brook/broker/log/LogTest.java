package dev.brook.broker.log;

import static dev.brook.broker.log.TestRecords.batch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.errors.CorruptRecordException;
import org.apache.kafka.common.errors.InvalidTimestampException;
import org.apache.kafka.common.errors.OffsetOutOfRangeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.Record;
import org.apache.kafka.common.record.RecordBatch;
import org.apache.kafka.common.record.Records;
import org.apache.kafka.common.record.SimpleRecord;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogTest {

  static final TopicPartition TP = new TopicPartition("orders", 0);
  static final long NOW = 1_700_000_000_000L;

  @TempDir Path root;
  final ManualTime time = new ManualTime(NOW);
  final Uuid topicId = Uuid.randomUuid();
  Log log;

  @AfterEach
  void closeLog() throws Exception {
    if (log != null) {
      log.close();
    }
  }

  Log open(LogConfig config) throws Exception {
    return Log.open(root.resolve("orders-0"), TP, topicId, config, time, true);
  }

  static LogConfig smallSegments(int bytes) {
    return LogConfig.defaults()
        .withOverrides(
            Map.of(
                LogConfig.INTERNAL_SEGMENT_BYTES,
                Integer.toString(bytes),
                "index.interval.bytes",
                "100"));
  }

  static List<String> values(Records records) {
    List<String> values = new ArrayList<>();
    for (RecordBatch batch : records.batches()) {
      for (Record record : batch) {
        values.add(record.offset() + ":" + TestRecords.value(record));
      }
    }
    return values;
  }

  @Test
  void shouldAssignSequentialOffsetsWhenAppendingAsLeader() throws Exception {
    log = open(LogConfig.defaults());

    LogAppendInfo first = log.appendAsLeader(batch(NOW, "a", "b", "c"), 3);
    LogAppendInfo second = log.appendAsLeader(batch(NOW, "d"), 3);

    assertThat(first.firstOffset()).isZero();
    assertThat(first.lastOffset()).isEqualTo(2);
    assertThat(second.firstOffset()).isEqualTo(3);
    assertThat(log.logEndOffset()).isEqualTo(4);
    Records read = log.read(0, 1 << 20, log.logEndOffset(), false).records();
    assertThat(values(read)).containsExactly("0:a", "1:b", "2:c", "3:d");
    assertThat(read.batches().iterator().next().partitionLeaderEpoch()).isEqualTo(3);
    assertThat(log.leaderEpochCache().entries()).containsEntry(3, 0L);
  }

  @Test
  void shouldRollSegmentsWhenFullAndReadAcrossThem() throws Exception {
    log = open(smallSegments(300));
    for (int i = 0; i < 30; i++) {
      log.appendAsLeader(batch(NOW, "value-" + i), 0);
    }

    assertThat(log.segmentCount()).isGreaterThan(3);
    List<String> all = new ArrayList<>();
    long next = 0;
    while (next < log.logEndOffset()) {
      Records records = log.read(next, 1 << 20, log.logEndOffset(), false).records();
      for (RecordBatch batch : records.batches()) {
        next = batch.nextOffset();
      }
      all.addAll(values(records));
    }
    assertThat(all).hasSize(30).startsWith("0:value-0").endsWith("29:value-29");
  }

  @Test
  void shouldReturnContainingBatchWhenReadingFromMidBatch() throws Exception {
    log = open(LogConfig.defaults());
    log.appendAsLeader(batch(NOW, "a", "b", "c"), 0);
    log.appendAsLeader(batch(NOW, "d", "e"), 0);

    Records records = log.read(4, 1 << 20, 5, false).records();

    assertThat(values(records)).containsExactly("3:d", "4:e");
  }

  @Test
  void shouldReturnOnlyWholeBatchesWithinMaxBytes() throws Exception {
    log = open(LogConfig.defaults());
    for (int i = 0; i < 10; i++) {
      log.appendAsLeader(batch(NOW, "0123456789"), 0);
    }
    int batchSize = batch(NOW, "0123456789").sizeInBytes();

    Records records = log.read(0, batchSize * 3 + batchSize / 2, 10, false).records();

    assertThat(records.sizeInBytes()).isEqualTo(batchSize * 3);
    assertThat(values(records)).hasSize(3);
  }

  @Test
  void shouldReturnFirstBatchWhenItExceedsMaxBytesOnlyIfMinOneBatch() throws Exception {
    log = open(LogConfig.defaults());
    log.appendAsLeader(batch(NOW, "a-rather-long-value", "another-long-value"), 0);

    assertThat(log.read(0, 10, 2, true).records().sizeInBytes()).isGreaterThan(10);
    assertThat(values(log.read(0, 10, 2, true).records())).hasSize(2);
    assertThat(log.read(0, 10, 2, false).records().sizeInBytes()).isZero();
  }

  @Test
  void shouldNotReadAtOrBeyondMaxOffset() throws Exception {
    log = open(LogConfig.defaults());
    log.appendAsLeader(batch(NOW, "a"), 0);
    log.appendAsLeader(batch(NOW, "b"), 0);
    log.updateHighWatermark(1);

    assertThat(values(log.read(0, 1 << 20, log.highWatermark(), false).records()))
        .containsExactly("0:a");
    assertThat(log.read(1, 1 << 20, log.highWatermark(), false).records().sizeInBytes()).isZero();
    assertThat(log.read(1, 1 << 20, log.highWatermark(), false).highWatermark()).isEqualTo(1);
  }

  @Test
  void shouldThrowOffsetOutOfRangeWhenStartIsOutsideTheLog() throws Exception {
    log = open(LogConfig.defaults());
    log.appendAsLeader(batch(NOW, "a"), 0);

    assertThatThrownBy(() -> log.read(2, 100, 2, false))
        .isInstanceOf(OffsetOutOfRangeException.class);
    assertThatThrownBy(() -> log.read(-1, 100, 2, false))
        .isInstanceOf(OffsetOutOfRangeException.class);
    assertThat(log.read(1, 100, 1, false).records().sizeInBytes()).isZero();
  }

  @Test
  void shouldRejectBatchWhenCrcIsWrong() throws Exception {
    log = open(LogConfig.defaults());
    MemoryRecords records = batch(NOW, "payload");
    records.buffer().put(records.sizeInBytes() - 2, (byte) 0x55);

    assertThatThrownBy(() -> log.appendAsLeader(records, 0))
        .isInstanceOf(CorruptRecordException.class);
    assertThat(log.logEndOffset()).isZero();
  }

  @Test
  void shouldRejectBatchWhenLargerThanMaxMessageBytes() throws Exception {
    log = open(LogConfig.defaults().withOverrides(Map.of("max.message.bytes", "100")));

    assertThatThrownBy(() -> log.appendAsLeader(batch(NOW, "x".repeat(200)), 0))
        .isInstanceOf(RecordTooLargeException.class);
  }

  @Test
  void shouldRejectTimestampsTooFarInTheFutureWhenCreateTime() throws Exception {
    log = open(LogConfig.defaults());

    assertThatThrownBy(() -> log.appendAsLeader(batch(NOW + 7_200_000L, "late"), 0))
        .isInstanceOf(InvalidTimestampException.class);
  }

  @Test
  void shouldRejectControlAndEmptyBatchesFromClients() throws Exception {
    log = open(LogConfig.defaults());

    assertThatThrownBy(() -> log.appendAsLeader(MemoryRecords.EMPTY, 0))
        .isInstanceOf(InvalidRecordException.class);
    MemoryRecords control =
        MemoryRecords.withEndTransactionMarker(
            1L,
            (short) 0,
            new org.apache.kafka.common.record.EndTransactionMarker(
                org.apache.kafka.common.record.ControlRecordType.COMMIT, 0));
    assertThatThrownBy(() -> log.appendAsLeader(control, 0))
        .isInstanceOf(InvalidRecordException.class);
  }

  @Test
  void shouldStampLogAppendTimeWhenConfigured() throws Exception {
    log =
        open(LogConfig.defaults().withOverrides(Map.of("message.timestamp.type", "LogAppendTime")));

    LogAppendInfo info = log.appendAsLeader(batch(5L, "a"), 0);

    assertThat(info.logAppendTimeMs()).isEqualTo(NOW);
    RecordBatch stored = log.read(0, 1000, 1, false).records().batches().iterator().next();
    stored.ensureValid();
    assertThat(stored.timestampType()).isEqualTo(TimestampType.LOG_APPEND_TIME);
    assertThat(stored.maxTimestamp()).isEqualTo(NOW);
  }

  @Test
  void shouldAcceptCompressedBatchesWhenValid() throws Exception {
    log = open(LogConfig.defaults());
    for (Compression compression :
        List.of(
            Compression.gzip().build(),
            Compression.snappy().build(),
            Compression.lz4().build(),
            Compression.zstd().build())) {
      log.appendAsLeader(
          MemoryRecords.withRecords(
              compression,
              new SimpleRecord(NOW, "k".getBytes(), "v".getBytes()),
              new SimpleRecord(NOW, "k".getBytes(), "w".getBytes())),
          0);
    }

    assertThat(log.logEndOffset()).isEqualTo(8);
    assertThat(values(log.read(0, 1 << 20, 8, false).records())).hasSize(8);
  }

  @Test
  void shouldFindOffsetsByTimestampAcrossSegments() throws Exception {
    log = open(smallSegments(300));
    for (int i = 0; i < 20; i++) {
      log.appendAsLeader(batch(NOW - 100_000 + i * 1000L, "v" + i), 0);
    }

    assertThat(log.fetchOffsetByTimestamp(NOW - 100_000 + 7_500L).orElseThrow().offset())
        .isEqualTo(8);
    assertThat(log.fetchOffsetByTimestamp(0).orElseThrow().offset()).isZero();
    assertThat(log.fetchOffsetByTimestamp(NOW)).isEmpty();
    TimestampAndOffset max = log.fetchMaxTimestamp().orElseThrow();
    assertThat(max.offset()).isEqualTo(19);
    assertThat(max.timestamp()).isEqualTo(NOW - 100_000 + 19_000L);
  }

  @Test
  void shouldKeepDataAndOffsetsWhenReopenedAfterCleanClose() throws Exception {
    log = open(smallSegments(300));
    for (int i = 0; i < 12; i++) {
      log.appendAsLeader(batch(NOW, "v" + i), 1);
    }
    int segments = log.segmentCount();
    log.close();

    log = open(smallSegments(300));

    assertThat(log.logEndOffset()).isEqualTo(12);
    assertThat(log.segmentCount()).isEqualTo(segments);
    log.appendAsLeader(batch(NOW, "next"), 1);
    assertThat(values(log.read(11, 1 << 20, 13, false).records())).first().isEqualTo("11:v11");
    assertThat(values(log.read(12, 1 << 20, 13, false).records())).containsExactly("12:next");
    assertThat(Files.exists(root.resolve("orders-0").resolve(PartitionMetadataFile.FILE_NAME)))
        .isTrue();
  }

  @Test
  void shouldExposeFilePositionWhenReadingForZeroCopySend() throws Exception {
    log = open(LogConfig.defaults());
    int firstSize = log.appendAsLeader(batch(NOW, "first"), 0).validBytes();
    log.appendAsLeader(batch(NOW, "second"), 0);

    FileSlice slice = log.read(1, 1 << 20, 2, false).fileSlice().orElseThrow();

    assertThat(slice.position()).isEqualTo(firstSize);
    java.nio.ByteBuffer viaChannel = java.nio.ByteBuffer.allocate(slice.sizeInBytes());
    slice.channel().read(viaChannel, slice.position());
    viaChannel.flip();
    assertThat(values(MemoryRecords.readableRecords(viaChannel))).containsExactly("1:second");
    assertThat(log.read(2, 1 << 20, 2, false).fileSlice()).isEmpty();
  }

  @Test
  void shouldRollWhenSegmentMsPassesBetweenRecordTimestamps() throws Exception {
    log = open(LogConfig.defaults().withOverrides(Map.of("segment.ms", "60000")));
    log.appendAsLeader(batch(NOW, "a"), 0);
    log.appendAsLeader(batch(NOW + 30_000L, "b"), 0);
    assertThat(log.segmentCount()).isEqualTo(1);

    log.appendAsLeader(batch(NOW + 61_000L, "c"), 0);

    assertThat(log.segmentBaseOffsets()).containsExactly(0L, 2L);
  }

  @Test
  void shouldMeasureSegmentAgeFromFirstBatchWhenReopened() throws Exception {
    LogConfig config = LogConfig.defaults().withOverrides(Map.of("segment.ms", "60000"));
    log = open(config);
    log.appendAsLeader(batch(NOW, "a"), 0);
    log.close();
    log = open(config);

    log.appendAsLeader(batch(NOW + 61_000L, "b"), 0);

    assertThat(log.segmentBaseOffsets()).containsExactly(0L, 1L);
  }
}
