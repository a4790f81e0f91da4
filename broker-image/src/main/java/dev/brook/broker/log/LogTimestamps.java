package dev.brook.broker.log;

import java.util.List;
import java.util.Optional;

/** Timestamp lookups across segments that need more than one segment's index. */
final class LogTimestamps {

  private LogTimestamps() {}

  /** The first record at or above the log start offset with a timestamp at least {@code ts}. */
  static Optional<TimestampAndOffset> offsetByTimestamp(
      LogSegments segments, long logStartOffset, long timestamp) {
    for (LogSegment segment : segments.all()) {
      LogSegment next = segments.higher(segment.baseOffset());
      boolean belowStart = next != null && next.baseOffset() <= logStartOffset;
      boolean tooOld = segment.maxTimestampSoFar() >= 0 && segment.maxTimestampSoFar() < timestamp;
      if (belowStart || tooOld) {
        continue;
      }
      TimestampAndOffset found = segment.findOffsetByTimestamp(timestamp, logStartOffset);
      if (found != null) {
        return Optional.of(found);
      }
    }
    return Optional.empty();
  }

  /** The first record holding the largest timestamp at or above {@code logStartOffset}. */
  static Optional<TimestampAndOffset> maxTimestamp(List<LogSegment> segments, long logStartOffset) {
    LogSegment best = null;
    for (int i = 0; i < segments.size(); i++) {
      LogSegment segment = segments.get(i);
      boolean belowStart =
          i + 1 < segments.size() && segments.get(i + 1).baseOffset() <= logStartOffset;
      if (!belowStart
          && segment.maxTimestampSoFar() >= 0
          && (best == null || segment.maxTimestampSoFar() > best.maxTimestampSoFar())) {
        best = segment;
      }
    }
    if (best == null) {
      return Optional.empty();
    }
    return Optional.ofNullable(
        best.findOffsetByTimestamp(best.maxTimestampSoFar(), logStartOffset));
  }
}
