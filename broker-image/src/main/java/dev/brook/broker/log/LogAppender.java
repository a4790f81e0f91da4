package dev.brook.broker.log;

import dev.brook.broker.producer.BatchMetadata;
import dev.brook.broker.producer.ProducerAppend;
import dev.brook.broker.producer.ProducerStateManager;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.kafka.common.errors.KafkaStorageException;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.MutableRecordBatch;
import org.apache.kafka.common.record.RecordBatch;
import org.apache.kafka.common.record.TimestampType;

/**
 * The write path of a {@link Log}: validation (outside the lock), producer-state checks, offset
 * assignment, segment roll and the append itself (under the lock). The log end offset is published
 * only after the bytes are in the segment, which is what lets readers go without the lock.
 */
final class LogAppender {

  private final Log log;
  private long unflushedMessages;

  LogAppender(Log log) {
    this.log = log;
  }

  LogAppendInfo appendAsLeader(MemoryRecords records, int leaderEpoch) {
    LogConfig config = log.config();
    long now = log.time().milliseconds();
    RecordsValidator.Summary summary = RecordsValidator.validateFromClient(records, config, now);
    return log.withLock(
        () -> {
          ProducerStateManager producerState = log.producerState();
          ProducerAppend producerAppend = producerState.prepareAppend();
          for (MutableRecordBatch batch : records.batches()) {
            Optional<BatchMetadata> duplicate = producerAppend.checkFromClient(batch);
            if (duplicate.isPresent()) {
              return duplicateInfo(duplicate.get(), summary);
            }
          }
          boolean logAppendTime = config.messageTimestampType() == TimestampType.LOG_APPEND_TIME;
          long firstOffset = log.logEndOffset();
          long nextOffset = assignOffsets(records, firstOffset, leaderEpoch, logAppendTime, now);
          for (MutableRecordBatch batch : records.batches()) {
            producerAppend.recordWritten(batch);
          }
          long maxTimestamp = logAppendTime ? now : summary.maxTimestamp();
          appendToSegments(records, firstOffset, nextOffset - 1, maxTimestamp, summary);
          producerState.complete(producerAppend, nextOffset);
          log.leaderEpochCache().assign(leaderEpoch, firstOffset);
          return new LogAppendInfo(
              firstOffset,
              nextOffset - 1,
              maxTimestamp,
              logAppendTime ? now : RecordBatch.NO_TIMESTAMP,
              log.logStartOffset(),
              summary.recordCount(),
              records.sizeInBytes(),
              false);
        });
  }

  /** Rewrites base offsets and leader epochs in place; returns the offset after the last batch. */
  private static long assignOffsets(
      MemoryRecords records, long firstOffset, int leaderEpoch, boolean logAppendTime, long now) {
    long nextOffset = firstOffset;
    for (MutableRecordBatch batch : records.batches()) {
      nextOffset += batch.lastOffset() - batch.baseOffset();
      batch.setLastOffset(nextOffset);
      batch.setPartitionLeaderEpoch(leaderEpoch);
      if (logAppendTime) {
        batch.setMaxTimestamp(TimestampType.LOG_APPEND_TIME, now);
      }
      nextOffset++;
    }
    return nextOffset;
  }

  private LogAppendInfo duplicateInfo(BatchMetadata original, RecordsValidator.Summary summary) {
    return new LogAppendInfo(
        original.firstOffset(),
        original.lastOffset(),
        original.timestamp(),
        RecordBatch.NO_TIMESTAMP,
        log.logStartOffset(),
        summary.recordCount(),
        0,
        true);
  }

  LogAppendInfo appendAsFollower(MemoryRecords records) {
    RecordsValidator.Summary summary = RecordsValidator.validateFromLeader(records, log.config());
    return log.withLock(
        () -> {
          long endOffset = log.logEndOffset();
          if (summary.firstOffset() < endOffset) {
            throw new UnexpectedAppendOffsetException(
                "Follower append at " + summary.firstOffset() + " below end offset " + endOffset);
          }
          long lastOffset = summary.firstOffset();
          for (MutableRecordBatch batch : records.batches()) {
            lastOffset = batch.lastOffset();
          }
          appendToSegments(
              records, summary.firstOffset(), lastOffset, summary.maxTimestamp(), summary);
          for (MutableRecordBatch batch : records.batches()) {
            log.producerState().replay(batch);
            log.leaderEpochCache().assign(batch.partitionLeaderEpoch(), batch.baseOffset());
          }
          return new LogAppendInfo(
              summary.firstOffset(),
              lastOffset,
              summary.maxTimestamp(),
              RecordBatch.NO_TIMESTAMP,
              log.logStartOffset(),
              summary.recordCount(),
              records.sizeInBytes(),
              false);
        });
  }

  private void appendToSegments(
      MemoryRecords records,
      long firstOffset,
      long lastOffset,
      long maxTimestamp,
      RecordsValidator.Summary summary)
      throws IOException {
    LogSegment segment = maybeRoll(records.sizeInBytes(), firstOffset, lastOffset, maxTimestamp);
    segment.append(lastOffset, records);
    log.offsets()
        .publishEnd(new LogOffsetMetadata(lastOffset + 1, segment.baseOffset(), segment.size()));
    unflushedMessages += summary.recordCount();
    if (unflushedMessages >= log.config().flushMessages()) {
      log.flush();
      unflushedMessages = 0;
    }
  }

  private LogSegment maybeRoll(int size, long firstOffset, long lastOffset, long maxTimestamp)
      throws IOException {
    LogSegment active = log.segments().active();
    LogConfig config = log.config();
    LogSegment.RollParams params =
        new LogSegment.RollParams(
            config.segmentMs(),
            config.effectiveSegmentBytes(),
            maxTimestamp,
            lastOffset,
            size,
            log.time().milliseconds());
    return active.shouldRoll(params) ? roll(firstOffset) : active;
  }

  /**
   * Starts a new active segment at {@code newBaseOffset} (the end offset, or the first offset of a
   * follower append): snapshots producer state there, trims the old segment's indexes and flushes
   * it in the background, after which the recovery point moves up to the new segment.
   */
  LogSegment roll(long newBaseOffset) throws IOException {
    LogSegments segments = log.segments();
    LogSegment previous = segments.active();
    if (previous.size() == 0 && previous.baseOffset() == newBaseOffset) {
      return previous;
    }
    log.producerState().updateMapEndOffset(newBaseOffset);
    log.producerState().takeSnapshot();
    LogSegment next = LogSegment.open(log.directory(), newBaseOffset, log.config(), log.time());
    segments.add(next);
    previous.onBecomeInactiveSegment();
    log.offsets().publishEnd(new LogOffsetMetadata(log.logEndOffset(), next.baseOffset(), 0));
    flushInBackground(previous, newBaseOffset);
    return next;
  }

  private void flushInBackground(LogSegment segment, long flushedUpTo) {
    Runnable flush =
        () -> {
          try {
            segment.flush();
            log.offsets().advanceRecoveryPoint(flushedUpTo);
          } catch (IOException e) {
            throw new KafkaStorageException("Cannot flush " + segment, e);
          }
        };
    ScheduledExecutorService scheduler = log.scheduler();
    if (scheduler == null) {
      flush.run();
      return;
    }
    try {
      scheduler.execute(flush);
    } catch (RejectedExecutionException e) {
      flush.run();
    }
  }
}
