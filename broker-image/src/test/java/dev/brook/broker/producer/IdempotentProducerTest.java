package dev.brook.broker.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brook.broker.log.Log;
import dev.brook.broker.log.LogAppendInfo;
import dev.brook.broker.log.LogConfig;
import dev.brook.broker.log.LogOpenOptions;
import dev.brook.broker.log.ManualTime;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.UnknownProducerIdException;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.SimpleRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdempotentProducerTest {

  static final TopicPartition TP = new TopicPartition("payments", 0);
  static final long PID = 4242L;

  @TempDir Path root;
  final Uuid topicId = Uuid.randomUuid();
  final ManualTime time = new ManualTime(1_700_000_000_000L);
  Log log;

  @AfterEach
  void close() throws Exception {
    if (log != null) {
      log.close();
    }
  }

  Log open(boolean clean) throws Exception {
    return open(clean, LogConfig.defaults());
  }

  Log open(boolean clean, LogConfig config) throws Exception {
    return Log.open(
        root.resolve("payments-0"),
        TP,
        topicId,
        config,
        time,
        clean,
        LogOpenOptions.defaults().withProducerIdExpirationMs(60_000L));
  }

  MemoryRecords batch(short epoch, int baseSequence, int count) {
    SimpleRecord[] records = new SimpleRecord[count];
    for (int i = 0; i < count; i++) {
      records[i] =
          new SimpleRecord(
              time.milliseconds(), ("v" + (baseSequence + i)).getBytes(StandardCharsets.UTF_8));
    }
    return MemoryRecords.withIdempotentRecords(Compression.NONE, PID, epoch, baseSequence, records);
  }

  @Test
  void shouldAcknowledgeDuplicateWithOriginalOffsetsWithoutAppending() throws Exception {
    log = open(true);
    log.appendAsLeader(batch((short) 0, 0, 3), 0);
    LogAppendInfo original = log.appendAsLeader(batch((short) 0, 3, 2), 0);

    LogAppendInfo retry = log.appendAsLeader(batch((short) 0, 3, 2), 0);

    assertThat(retry.duplicate()).isTrue();
    assertThat(retry.firstOffset()).isEqualTo(original.firstOffset()).isEqualTo(3);
    assertThat(retry.lastOffset()).isEqualTo(original.lastOffset()).isEqualTo(4);
    assertThat(log.logEndOffset()).isEqualTo(5);
  }

  @Test
  void shouldRejectSequenceGapWithOutOfOrderSequence() throws Exception {
    log = open(true);
    log.appendAsLeader(batch((short) 0, 0, 2), 0);

    assertThatThrownBy(() -> log.appendAsLeader(batch((short) 0, 5, 1), 0))
        .isInstanceOf(OutOfOrderSequenceException.class);
    assertThat(log.logEndOffset()).isEqualTo(2);
  }

  @Test
  void shouldRejectOlderEpochWithInvalidProducerEpoch() throws Exception {
    log = open(true);
    log.appendAsLeader(batch((short) 3, 0, 1), 0);

    assertThatThrownBy(() -> log.appendAsLeader(batch((short) 2, 1, 1), 0))
        .isInstanceOf(InvalidProducerEpochException.class);
  }

  @Test
  void shouldAcceptNewEpochOnlyFromSequenceZero() throws Exception {
    log = open(true);
    log.appendAsLeader(batch((short) 0, 0, 4), 0);

    assertThatThrownBy(() -> log.appendAsLeader(batch((short) 1, 4, 1), 0))
        .isInstanceOf(OutOfOrderSequenceException.class);
    LogAppendInfo bumped = log.appendAsLeader(batch((short) 1, 0, 1), 0);

    assertThat(bumped.firstOffset()).isEqualTo(4);
    assertThat(log.producerState().lastEntry(PID).orElseThrow().producerEpoch())
        .isEqualTo((short) 1);
  }

  @Test
  void shouldWrapSequenceAfterIntegerMax() throws Exception {
    log = open(true);
    log.appendAsLeader(batch((short) 0, 0, 3), 0);
    log.producerState().complete(stagedWithLastSequence(Integer.MAX_VALUE), log.logEndOffset());

    LogAppendInfo wrapped = log.appendAsLeader(batch((short) 0, 0, 1), 0);

    assertThat(wrapped.duplicate()).isFalse();
  }

  private ProducerAppend stagedWithLastSequence(int lastSeq) {
    ProducerAppend append = log.producerState().prepareAppend();
    MemoryRecords records =
        MemoryRecords.withIdempotentRecords(
            Compression.NONE,
            PID,
            (short) 0,
            lastSeq,
            new SimpleRecord(time.milliseconds(), "x".getBytes(StandardCharsets.UTF_8)));
    append.recordWritten(records.batches().iterator().next());
    return append;
  }

  @Test
  void shouldReportUnknownProducerWhenStateExpired() throws Exception {
    log = open(true);
    log.appendAsLeader(batch((short) 0, 0, 2), 0);
    time.advance(61_000L);

    assertThat(log.removeExpiredProducers()).isEqualTo(1);
    assertThatThrownBy(() -> log.appendAsLeader(batch((short) 0, 2, 1), 0))
        .isInstanceOf(UnknownProducerIdException.class);
    assertThat(log.appendAsLeader(batch((short) 0, 0, 1), 0).duplicate()).isFalse();
  }

  @Test
  void shouldDetectDuplicatesAfterCleanRestart() throws Exception {
    log = open(true);
    log.appendAsLeader(batch((short) 0, 0, 2), 0);
    LogAppendInfo original = log.appendAsLeader(batch((short) 0, 2, 2), 0);
    log.close();

    log = open(true);

    LogAppendInfo retry = log.appendAsLeader(batch((short) 0, 2, 2), 0);
    assertThat(retry.duplicate()).isTrue();
    assertThat(retry.firstOffset()).isEqualTo(original.firstOffset());
    assertThatThrownBy(() -> log.appendAsLeader(batch((short) 0, 7, 1), 0))
        .isInstanceOf(OutOfOrderSequenceException.class);
  }

  @Test
  void shouldRebuildStateFromLogAfterUncleanRestart() throws Exception {
    LogConfig tiny =
        LogConfig.defaults().withOverrides(Map.of(LogConfig.INTERNAL_SEGMENT_BYTES, "300"));
    Log crashed = open(true, tiny);
    int sequence = 0;
    for (int i = 0; i < 10; i++) {
      crashed.appendAsLeader(batch((short) 0, sequence, 2), 0);
      sequence += 2;
    }
    crashed.flush();
    // no close: the snapshot at the end offset is never written, so the tail must be replayed

    log = open(false, tiny);

    assertThat(log.producerState().lastEntry(PID).orElseThrow().lastSeq()).isEqualTo(sequence - 1);
    assertThat(log.appendAsLeader(batch((short) 0, sequence - 2, 2), 0).duplicate()).isTrue();
    assertThat(log.appendAsLeader(batch((short) 0, sequence, 1), 0).firstOffset()).isEqualTo(20);
  }

  @Test
  void shouldForgetProducerStateAboveTruncationPoint() throws Exception {
    log = open(true);
    log.appendAsLeader(batch((short) 0, 0, 2), 0);
    log.appendAsLeader(batch((short) 0, 2, 2), 0);
    log.updateHighWatermark(log.logEndOffset());

    log.truncateTo(2);

    assertThat(log.producerState().lastEntry(PID).orElseThrow().lastSeq()).isEqualTo(1);
    assertThat(log.appendAsLeader(batch((short) 0, 2, 2), 0).firstOffset()).isEqualTo(2);
  }

  @Test
  void shouldSurviveCorruptSnapshotByReplayingTheLog() throws Exception {
    log = open(true);
    log.appendAsLeader(batch((short) 0, 0, 3), 0);
    log.close();
    Path snapshot = root.resolve("payments-0").resolve(String.format("%020d.snapshot", 3));
    java.nio.file.Files.write(snapshot, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13});

    log = open(true);

    assertThat(log.producerState().lastEntry(PID).orElseThrow().lastSeq()).isEqualTo(2);
  }
}
