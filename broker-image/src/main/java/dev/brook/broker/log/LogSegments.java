package dev.brook.broker.log;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import org.apache.kafka.common.record.FileRecords.LogOffsetPosition;

/**
 * The segments of one log by base offset. Safe to read concurrently with the owning log's
 * mutations, which it serializes; the last segment is the active one.
 */
final class LogSegments {

  private final ConcurrentSkipListMap<Long, LogSegment> segments = new ConcurrentSkipListMap<>();

  void add(LogSegment segment) {
    segments.put(segment.baseOffset(), segment);
  }

  void remove(long baseOffset) {
    segments.remove(baseOffset);
  }

  boolean isEmpty() {
    return segments.isEmpty();
  }

  int count() {
    return segments.size();
  }

  LogSegment active() {
    return segments.lastEntry().getValue();
  }

  LogSegment first() {
    return segments.firstEntry().getValue();
  }

  /** The segment that holds {@code offset}: the one with the largest base offset at most it. */
  LogSegment floor(long offset) {
    Map.Entry<Long, LogSegment> entry = segments.floorEntry(offset);
    return entry == null ? null : entry.getValue();
  }

  LogSegment higher(long baseOffset) {
    Map.Entry<Long, LogSegment> entry = segments.higherEntry(baseOffset);
    return entry == null ? null : entry.getValue();
  }

  /** All segments in offset order, as a copy. */
  List<LogSegment> all() {
    return new ArrayList<>(segments.values());
  }

  /** Segments whose base offset is at least {@code baseOffset}, in order. */
  Collection<LogSegment> from(long baseOffset) {
    return segments.tailMap(baseOffset, true).values();
  }

  long sizeInBytes() {
    long total = 0;
    for (LogSegment segment : segments.values()) {
      total += segment.size();
    }
    return total;
  }

  void clear() {
    segments.clear();
  }

  /**
   * Whole batches from the one holding {@code startOffset}, bounded by {@code limit}; moves to the
   * next segment when {@code startOffset} falls after the end of its segment.
   */
  FileSlice read(long startOffset, int maxBytes, LogOffsetMetadata limit, boolean minOneBatch) {
    if (startOffset >= limit.offset()) {
      return null;
    }
    LogSegment segment = floor(startOffset);
    while (segment != null && segment.baseOffset() <= limit.segmentBaseOffset()) {
      long maxPosition =
          segment.baseOffset() == limit.segmentBaseOffset() ? limit.position() : segment.size();
      FileSlice slice = segment.read(startOffset, maxBytes, maxPosition, minOneBatch);
      if (slice != null) {
        return slice;
      }
      segment = higher(segment.baseOffset());
    }
    return null;
  }

  /** Where {@code offset} starts: its segment and the position of the batch holding it. */
  LogOffsetMetadata offsetMetadata(long offset) {
    LogSegment segment = floor(offset);
    if (segment == null) {
      return new LogOffsetMetadata(offset, Long.MIN_VALUE, 0);
    }
    LogOffsetPosition position = segment.translateOffset(offset);
    int bytePosition = position == null ? segment.size() : position.position;
    return new LogOffsetMetadata(offset, segment.baseOffset(), bytePosition);
  }
}
