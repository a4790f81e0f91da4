package dev.brook.broker.log;

import dev.brook.broker.log.OffsetIndex.OffsetPosition;
import dev.brook.broker.log.TimeIndex.TimestampOffset;
import java.io.Closeable;
import java.io.File;
import java.io.IOException;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.common.record.FileLogInputStream.FileChannelRecordBatch;
import org.apache.kafka.common.record.FileRecords;
import org.apache.kafka.common.record.FileRecords.LogOffsetPosition;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.Record;
import org.apache.kafka.common.record.RecordBatch;
import org.apache.kafka.common.utils.Time;

/**
 * One segment of a partition log: the batches of offsets [baseOffset, next segment's base offset)
 * in {@code <baseOffset>.log}, with its sparse {@link OffsetIndex} and {@link TimeIndex}.
 *
 * <p>Invariants: every batch's offsets are at least {@code baseOffset} and at most {@code
 * baseOffset + Integer.MAX_VALUE}; batches are stored whole, in offset order, exactly as appended.
 *
 * <p>Thread-safety: appends, truncation, recovery and roll are serialized by the owning {@link
 * Log}; reads may run concurrently with an append and see only whole batches, because {@link
 * FileRecords} publishes its size after each write.
 */
public final class LogSegment implements Closeable {

  private final FileRecords log;
  private final OffsetIndex offsetIndex;
  private final TimeIndex timeIndex;
  private final long baseOffset;
  private final int indexIntervalBytes;
  private final long rollJitterMs;
  private final Time time;
  private volatile long createdMs;
  private volatile long rollingBasedTimestamp = RecordBatch.NO_TIMESTAMP;
  private volatile long maxTimestampSoFar = RecordBatch.NO_TIMESTAMP;
  private volatile long offsetOfMaxTimestampSoFar;
  private int bytesSinceLastIndexEntry;

  private LogSegment(
      FileRecords log,
      OffsetIndex offsetIndex,
      TimeIndex timeIndex,
      long baseOffset,
      int indexIntervalBytes,
      long rollJitterMs,
      Time time) {
    this.log = log;
    this.offsetIndex = offsetIndex;
    this.timeIndex = timeIndex;
    this.baseOffset = baseOffset;
    this.indexIntervalBytes = indexIntervalBytes;
    this.rollJitterMs = rollJitterMs;
    this.time = time;
    this.createdMs = time.milliseconds();
    TimestampOffset lastTime = timeIndex.lastEntry();
    this.maxTimestampSoFar = lastTime.timestamp();
    this.offsetOfMaxTimestampSoFar = lastTime.offset();
  }

  /** Opens (or creates) the three files of the segment at {@code baseOffset} in {@code dir}. */
  public static LogSegment open(File dir, long baseOffset, LogConfig config, Time time)
      throws IOException {
    File logFile = LogFiles.logFile(dir, baseOffset);
    FileRecords records = FileRecords.open(logFile, true, logFile.exists(), 0, false);
    OffsetIndex offsetIndex =
        new OffsetIndex(
            LogFiles.offsetIndexFile(dir, baseOffset), baseOffset, config.segmentIndexBytes());
    TimeIndex timeIndex =
        new TimeIndex(
            LogFiles.timeIndexFile(dir, baseOffset), baseOffset, config.segmentIndexBytes());
    return new LogSegment(
        records,
        offsetIndex,
        timeIndex,
        baseOffset,
        config.indexIntervalBytes(),
        randomJitterMs(config),
        time);
  }

  /**
   * Kafka's roll jitter: a random part of segment.jitter.ms, so segments do not all roll at once.
   */
  private static long randomJitterMs(LogConfig config) {
    long maxJitter = Math.min(config.segmentJitterMs(), config.segmentMs());
    return maxJitter <= 0 ? 0 : ThreadLocalRandom.current().nextLong(maxJitter);
  }

  public long baseOffset() {
    return baseOffset;
  }

  public int size() {
    return log.sizeInBytes();
  }

  public FileRecords records() {
    return log;
  }

  public OffsetIndex offsetIndex() {
    return offsetIndex;
  }

  public TimeIndex timeIndex() {
    return timeIndex;
  }

  /** The largest record timestamp in the segment, or the file's mtime when it holds none. */
  public long largestTimestamp() {
    long max = maxTimestampSoFar;
    return max >= 0 ? max : log.file().lastModified();
  }

  public long maxTimestampSoFar() {
    return maxTimestampSoFar;
  }

  public long offsetOfMaxTimestampSoFar() {
    return offsetOfMaxTimestampSoFar;
  }

  public boolean canConvertToRelativeOffset(long offset) {
    long relative = offset - baseOffset;
    return relative >= 0 && relative <= Integer.MAX_VALUE;
  }

  /**
   * Appends batches whose offsets are already assigned; adds an index entry for each batch that
   * starts after {@code indexIntervalBytes} of unindexed data.
   */
  public void append(long largestOffset, MemoryRecords records) throws IOException {
    if (records.sizeInBytes() == 0) {
      return;
    }
    if (!canConvertToRelativeOffset(largestOffset)) {
      throw new IllegalArgumentException(
          "Offset " + largestOffset + " does not fit segment " + baseOffset);
    }
    int physicalPosition = log.sizeInBytes();
    log.append(records);
    for (RecordBatch batch : records.batches()) {
      if (physicalPosition == 0 && rollingBasedTimestamp == RecordBatch.NO_TIMESTAMP) {
        rollingBasedTimestamp = batch.maxTimestamp();
      }
      indexBatch(batch, physicalPosition);
      physicalPosition += batch.sizeInBytes();
    }
  }

  private void indexBatch(RecordBatch batch, int physicalPosition) {
    if (batch.maxTimestamp() > maxTimestampSoFar) {
      maxTimestampSoFar = batch.maxTimestamp();
      offsetOfMaxTimestampSoFar = batch.lastOffset();
    }
    boolean indexesHaveRoom = !offsetIndex.isFull() && !timeIndex.isAlmostFull();
    if (bytesSinceLastIndexEntry > indexIntervalBytes && indexesHaveRoom) {
      offsetIndex.append(batch.lastOffset(), physicalPosition);
      timeIndex.maybeAppend(maxTimestampSoFar, offsetOfMaxTimestampSoFar, false);
      bytesSinceLastIndexEntry = 0;
    }
    bytesSinceLastIndexEntry += batch.sizeInBytes();
  }

  /** The first batch whose last offset is at least {@code offset}, or null when there is none. */
  public LogOffsetPosition translateOffset(long offset) {
    OffsetPosition start = offsetIndex.lookup(offset);
    return log.searchForOffsetFromPosition(offset, start.position());
  }

  /**
   * Reads whole batches from the one holding {@code startOffset}, ending at or before {@code
   * maxPosition} and within {@code maxSize} bytes, except that {@code minOneBatch} returns the
   * first batch whatever its size. Returns null when no batch at or above {@code startOffset}
   * starts before {@code maxPosition}.
   */
  public FileSlice read(long startOffset, int maxSize, long maxPosition, boolean minOneBatch) {
    LogOffsetPosition first = translateOffset(startOffset);
    if (first == null || first.position >= maxPosition) {
      return null;
    }
    int available = (int) (Math.min(maxPosition, log.sizeInBytes()) - first.position);
    int size;
    if (available <= maxSize) {
      size = available;
    } else if (first.size > maxSize) {
      size = minOneBatch ? first.size : 0;
    } else {
      size = lastBatchBoundaryWithin(first.position, first.position + maxSize) - first.position;
    }
    return new FileSlice(log.slice(first.position, size), first.position);
  }

  /** The end of the last whole batch ending at or before {@code limit}, scanning from the index. */
  private int lastBatchBoundaryWithin(int startPosition, int limit) {
    int scanFrom = Math.max(startPosition, offsetIndex.floorByPosition(limit).position());
    int boundary = scanFrom;
    for (FileChannelRecordBatch batch : log.batchesFrom(scanFrom)) {
      int batchEnd = batch.position() + batch.sizeInBytes();
      if (batchEnd > limit) {
        break;
      }
      boundary = batchEnd;
    }
    return boundary;
  }

  /**
   * The first record with a timestamp at least {@code timestamp} and an offset at least {@code
   * startingOffset}, or null. The time index narrows the scan to batches that may hold it.
   */
  public TimestampAndOffset findOffsetByTimestamp(long timestamp, long startingOffset) {
    TimestampOffset indexed = timeIndex.lookup(timestamp - 1);
    long scanFromOffset = Math.max(indexed.offset(), startingOffset);
    int position = offsetIndex.lookup(scanFromOffset).position();
    for (FileChannelRecordBatch batch : log.batchesFrom(position)) {
      if (batch.lastOffset() < startingOffset || batch.maxTimestamp() < timestamp) {
        continue;
      }
      for (Record record : batch) {
        if (record.timestamp() >= timestamp && record.offset() >= startingOffset) {
          return new TimestampAndOffset(
              record.timestamp(), record.offset(), batch.partitionLeaderEpoch());
        }
      }
    }
    return null;
  }

  /** The offset after the last batch, or the base offset when the segment is empty. */
  public long readNextOffset() {
    int position = offsetIndex.lookup(Long.MAX_VALUE).position();
    long next = baseOffset;
    for (FileChannelRecordBatch batch : log.batchesFrom(position)) {
      next = batch.nextOffset();
    }
    return next;
  }

  /** Whether the next append of {@code messagesSize} bytes must go to a new segment. */
  public boolean shouldRoll(RollParams params) {
    boolean reachedRollMs =
        size() > 0
            && timeWaitedForRoll(params.nowMs(), params.maxTimestampInMessages())
                > params.maxSegmentMs() - rollJitterMs;
    return size() > params.maxSegmentBytes() - params.messagesSize()
        || reachedRollMs
        || offsetIndex.isFull()
        || timeIndex.isAlmostFull()
        || !canConvertToRelativeOffset(params.maxOffsetInMessages());
  }

  private long timeWaitedForRoll(long nowMs, long messageTimestamp) {
    if (rollingBasedTimestamp == RecordBatch.NO_TIMESTAMP && log.sizeInBytes() > 0) {
      // a segment loaded from disk: its age counts from its first batch, not from the restart
      rollingBasedTimestamp = log.batches().iterator().next().maxTimestamp();
    }
    long firstTimestamp = rollingBasedTimestamp;
    return firstTimestamp >= 0 ? messageTimestamp - firstTimestamp : nowMs - createdMs;
  }

  /** Parameters of the roll decision; timestamps in ms. */
  public record RollParams(
      long maxSegmentMs,
      int maxSegmentBytes,
      long maxTimestampInMessages,
      long maxOffsetInMessages,
      int messagesSize,
      long nowMs) {}

  /**
   * Removes every batch from the one holding {@code offset} on; returns the bytes removed. Callers
   * truncate at batch boundaries.
   */
  public int truncateTo(long offset) throws IOException {
    LogOffsetPosition mapping = translateOffset(offset);
    offsetIndex.truncateTo(offset);
    timeIndex.truncateTo(offset);
    if (mapping == null) {
      return 0;
    }
    int bytesTruncated = log.truncateTo(mapping.position);
    if (log.sizeInBytes() == 0) {
      createdMs = time.milliseconds();
      rollingBasedTimestamp = RecordBatch.NO_TIMESTAMP;
    }
    bytesSinceLastIndexEntry = 0;
    TimestampOffset lastTime = timeIndex.lastEntry();
    maxTimestampSoFar = lastTime.timestamp();
    offsetOfMaxTimestampSoFar = lastTime.offset();
    return bytesTruncated;
  }

  /**
   * Re-reads the data file after an unclean shutdown: rebuilds both indexes from the batches, stops
   * at the first batch that is torn or fails its CRC, and truncates the file there.
   *
   * @return the number of bytes truncated
   */
  public int recover() throws IOException {
    offsetIndex.reset();
    timeIndex.reset();
    bytesSinceLastIndexEntry = 0;
    maxTimestampSoFar = RecordBatch.NO_TIMESTAMP;
    rollingBasedTimestamp = RecordBatch.NO_TIMESTAMP;
    int validBytes = SegmentRecovery.scan(this, this::indexRecoveredBatch);
    int truncated = log.sizeInBytes() - validBytes;
    if (truncated > 0) {
      log.truncateTo(validBytes);
    }
    return truncated;
  }

  private void indexRecoveredBatch(RecordBatch batch, int position) {
    if (position == 0) {
      rollingBasedTimestamp = batch.maxTimestamp();
    }
    indexBatch(batch, position);
  }

  /** Called when a newer segment becomes active: records the final max timestamp and trims. */
  public void onBecomeInactiveSegment() throws IOException {
    timeIndex.maybeAppend(maxTimestampSoFar, offsetOfMaxTimestampSoFar, true);
    offsetIndex.trimToValidSize();
    timeIndex.trimToValidSize();
  }

  /** Grows the indexes back to {@code maxIndexBytes} so the segment can take appends again. */
  public void resizeIndexes(int maxIndexBytes) throws IOException {
    offsetIndex.resize(maxIndexBytes);
    timeIndex.resize(maxIndexBytes);
  }

  /** Throws when an index cannot belong to this segment, so the caller recovers it instead. */
  public void sanityCheckIndexes() {
    offsetIndex.sanityCheck();
    timeIndex.sanityCheck();
  }

  public void flush() throws IOException {
    log.flush();
    offsetIndex.flush();
    timeIndex.flush();
  }

  /** Renames the three files, e.g. from "" to ".deleted"; open channels stay valid. */
  public void changeFileSuffixes(String oldSuffix, String newSuffix) throws IOException {
    log.renameTo(renamed(log.file(), oldSuffix, newSuffix));
    offsetIndex.renameTo(renamed(offsetIndex.file(), oldSuffix, newSuffix));
    timeIndex.renameTo(renamed(timeIndex.file(), oldSuffix, newSuffix));
  }

  private static File renamed(File file, String oldSuffix, String newSuffix) {
    String name = file.getName();
    String base = name.substring(0, name.length() - oldSuffix.length());
    return new File(file.getParentFile(), base + newSuffix);
  }

  /** Closes the channels and mappings and deletes the three files. */
  public void deleteIfExists() throws IOException {
    log.deleteIfExists();
    offsetIndex.deleteIfExists();
    timeIndex.deleteIfExists();
  }

  @Override
  public void close() throws IOException {
    if (maxTimestampSoFar >= 0) {
      timeIndex.maybeAppend(maxTimestampSoFar, offsetOfMaxTimestampSoFar, true);
    }
    offsetIndex.close();
    timeIndex.close();
    log.close();
  }

  /** Releases file handles without trimming, for a directory being deleted. */
  public void closeHandlers() throws IOException {
    offsetIndex.closeHandler();
    timeIndex.closeHandler();
    log.closeHandlers();
  }

  @Override
  public String toString() {
    return "LogSegment(baseOffset=" + baseOffset + ", size=" + size() + ")";
  }
}
