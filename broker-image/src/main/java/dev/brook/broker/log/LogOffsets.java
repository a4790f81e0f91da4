package dev.brook.broker.log;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The moving offsets of one log: log start offset, log end offset (with where it lies on disk),
 * high watermark and recovery point.
 *
 * <p>Invariant: {@code logStartOffset <= highWatermark <= logEndOffset}. Writers hold the log's
 * lock; readers take no lock and see each offset through a volatile field, published only after the
 * data it covers is written.
 */
final class LogOffsets {

  private final LogSegments segments;
  private final AtomicLong recoveryPoint;
  private volatile long logStartOffset;
  private volatile LogOffsetMetadata end;
  private volatile LogOffsetMetadata highWatermark;

  LogOffsets(LogSegments segments, long logStartOffset, long logEndOffset, long highWatermark) {
    this.segments = segments;
    this.logStartOffset = logStartOffset;
    LogSegment active = segments.active();
    this.end = new LogOffsetMetadata(logEndOffset, active.baseOffset(), active.size());
    this.recoveryPoint = new AtomicLong(logEndOffset);
    long clamped = Math.max(Math.min(highWatermark, logEndOffset), logStartOffset);
    this.highWatermark = metadataFor(clamped, end);
  }

  long logStartOffset() {
    return logStartOffset;
  }

  void setLogStartOffset(long offset) {
    logStartOffset = offset;
  }

  LogOffsetMetadata end() {
    return end;
  }

  long logEndOffset() {
    return end.offset();
  }

  /** Publishes a new end offset: call only after the bytes before it are in the segment. */
  void publishEnd(LogOffsetMetadata newEnd) {
    end = newEnd;
  }

  long highWatermark() {
    return highWatermark.offset();
  }

  /** Sets the high watermark, clamped to [logStartOffset, logEndOffset]. */
  void updateHighWatermark(long offset) {
    LogOffsetMetadata currentEnd = end;
    long clamped = Math.max(logStartOffset, Math.min(offset, currentEnd.offset()));
    highWatermark = metadataFor(clamped, currentEnd);
  }

  long recoveryPoint() {
    return recoveryPoint.get();
  }

  void advanceRecoveryPoint(long offset) {
    recoveryPoint.accumulateAndGet(offset, Math::max);
  }

  /** After truncation to {@code offset}: end there, high watermark and recovery point at most. */
  void truncatedTo(long offset) {
    LogSegment active = segments.active();
    end = new LogOffsetMetadata(offset, active.baseOffset(), active.size());
    highWatermark = metadataFor(Math.min(highWatermark.offset(), offset), end);
    recoveryPoint.accumulateAndGet(offset, Math::min);
  }

  /** After the log restarted empty at {@code offset}. */
  void resetTo(long offset) {
    logStartOffset = offset;
    truncatedTo(offset);
    recoveryPoint.set(offset);
  }

  /** Where {@code offset} starts: cached for the end offset and high watermark, else searched. */
  LogOffsetMetadata metadataFor(long offset, LogOffsetMetadata currentEnd) {
    if (offset == currentEnd.offset()) {
      return currentEnd;
    }
    LogOffsetMetadata hw = highWatermark;
    if (hw != null && hw.offset() == offset && hw.segmentBaseOffset() >= 0) {
      return hw;
    }
    return segments.offsetMetadata(offset);
  }
}
