package dev.brook.broker.log;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.errors.OffsetOutOfRangeException;

/** Truncation of a {@link Log} at either end; every method runs under the log's lock. */
final class LogTruncation {

  private LogTruncation() {}

  static boolean truncateTo(Log log, long offset) {
    if (offset < 0) {
      throw new IllegalArgumentException("Cannot truncate to negative offset " + offset);
    }
    return log.withLock(
        () -> {
          if (offset >= log.logEndOffset()) {
            return false;
          }
          if (offset < log.logStartOffset() || offset < log.segments().first().baseOffset()) {
            truncateFullyLocked(log, offset);
            return true;
          }
          LogSegments segments = log.segments();
          List<LogSegment> removed = new ArrayList<>(segments.from(offset + 1));
          removed.forEach(segment -> segments.remove(segment.baseOffset()));
          log.deleter().deleteLater(removed, log.config().fileDeleteDelayMs());
          LogSegment active = segments.active();
          active.truncateTo(offset);
          active.resizeIndexes(log.config().segmentIndexBytes());
          log.offsets().truncatedTo(offset);
          log.leaderEpochCache().truncateFromEnd(offset);
          LogLoader.rebuildProducerState(
              log.producerState(), segments, log.logStartOffset(), offset);
          return true;
        });
  }

  static void truncateFullyAndStartAt(Log log, long newOffset) {
    log.withLock(
        () -> {
          truncateFullyLocked(log, newOffset);
          return null;
        });
  }

  private static void truncateFullyLocked(Log log, long newOffset) throws java.io.IOException {
    LogSegments segments = log.segments();
    List<LogSegment> removed = segments.all();
    segments.clear();
    log.deleter().deleteLater(removed, log.config().fileDeleteDelayMs());
    segments.add(LogSegment.open(log.directory(), newOffset, log.config(), log.time()));
    log.offsets().resetTo(newOffset);
    log.leaderEpochCache().clear();
    log.producerState().truncateFullyAndStartAt(newOffset);
  }

  static boolean maybeIncrementLogStartOffset(Log log, long newStart) {
    return log.withLock(
        () -> {
          if (newStart > log.highWatermark()) {
            throw new OffsetOutOfRangeException(
                "Cannot move the log start offset of "
                    + log.topicPartition()
                    + " to "
                    + newStart
                    + ", above the high watermark "
                    + log.highWatermark());
          }
          if (newStart <= log.logStartOffset()) {
            return false;
          }
          log.offsets().setLogStartOffset(newStart);
          log.leaderEpochCache().truncateFromStart(newStart);
          log.producerState().onLogStartOffsetIncremented(newStart);
          return true;
        });
  }
}
