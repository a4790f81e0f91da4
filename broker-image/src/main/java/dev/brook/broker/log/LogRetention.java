package dev.brook.broker.log;

import java.util.ArrayList;
import java.util.List;

/**
 * Which segments of a {@link Log} retention deletes, and their deletion. Deletable segments are
 * always a prefix of the log, lie wholly below the high watermark, and are checked in Kafka's
 * order: below the log start offset, then past retention.ms, then beyond retention.bytes. When the
 * active segment is deletable, a new empty one is rolled first so the log keeps its end offset.
 * Runs under the log's lock.
 */
final class LogRetention {

  @FunctionalInterface
  private interface Deletable {
    boolean test(LogSegment segment, LogSegment next);
  }

  private LogRetention() {}

  static int deleteSegmentsPastRetention(Log log) {
    return log.withLock(
        () -> {
          LogConfig config = log.config();
          if (!LogConfig.CLEANUP_POLICY_DELETE.equals(config.cleanupPolicy())) {
            return 0;
          }
          int deleted =
              deletePrefix(
                  log,
                  (segment, next) -> next != null && next.baseOffset() <= log.logStartOffset());
          if (config.retentionMs() >= 0) {
            long now = log.time().milliseconds();
            deleted +=
                deletePrefix(
                    log,
                    (segment, next) -> now - segment.largestTimestamp() > config.retentionMs());
          }
          if (config.retentionBytes() >= 0) {
            long[] excessBytes = {log.sizeInBytes() - config.retentionBytes()};
            deleted +=
                deletePrefix(
                    log,
                    (segment, next) -> {
                      if (excessBytes[0] - segment.size() < 0) {
                        return false;
                      }
                      excessBytes[0] -= segment.size();
                      return true;
                    });
          }
          return deleted;
        });
  }

  private static int deletePrefix(Log log, Deletable deletable) throws java.io.IOException {
    LogSegments segments = log.segments();
    long highWatermark = log.highWatermark();
    List<LogSegment> toDelete = new ArrayList<>();
    for (LogSegment segment : segments.all()) {
      LogSegment next = segments.higher(segment.baseOffset());
      long upperBound = next == null ? log.logEndOffset() : next.baseOffset();
      boolean emptyActive = next == null && segment.size() == 0;
      if (emptyActive || upperBound > highWatermark || !deletable.test(segment, next)) {
        break;
      }
      toDelete.add(segment);
    }
    if (toDelete.isEmpty()) {
      return 0;
    }
    if (toDelete.contains(segments.active())) {
      log.roll(log.logEndOffset());
    }
    toDelete.forEach(segment -> segments.remove(segment.baseOffset()));
    log.deleter().deleteLater(toDelete, log.config().fileDeleteDelayMs());
    long newStart = Math.max(log.logStartOffset(), segments.first().baseOffset());
    log.offsets().setLogStartOffset(newStart);
    log.leaderEpochCache().truncateFromStart(newStart);
    log.producerState().onLogStartOffsetIncremented(newStart);
    return toDelete.size();
  }
}
