package dev.brook.broker.log;

import dev.brook.broker.log.LeaderEpochCache.EpochEndOffset;
import dev.brook.broker.producer.ProducerStateManager;
import java.io.Closeable;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.KafkaStorageException;
import org.apache.kafka.common.errors.OffsetOutOfRangeException;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.utils.Time;

/**
 * One partition's log: directory {@code <logDir>/<topic>-<partition>} holding segments named by
 * their 20-digit base offset, {@code partition.metadata}, {@code leader-epoch-checkpoint} and
 * producer snapshots.
 *
 * <p>Offsets: {@code logStartOffset <= highWatermark <= logEndOffset}; the log end offset (LEO) is
 * the offset the next appended record gets.
 *
 * <p>Thread-safety: appends, truncation, roll, retention and close are serialized by one lock.
 * Reads take no lock: they see segments through a concurrent map and the end offset through a
 * volatile, published after the data is written, so a reader never sees a partial batch.
 */
public final class Log implements Closeable {

  private final ReentrantLock lock = new ReentrantLock();
  private final File dir;
  private final TopicPartition topicPartition;
  private final Uuid topicId;
  private final Time time;
  private final LogSegments segments;
  private final ProducerStateManager producerState;
  private final LeaderEpochCache leaderEpochCache;
  private final SegmentDeleter deleter;
  private final LogOpenOptions options;
  private final LogAppender appender;
  private volatile LogConfig config;
  private final LogOffsets offsets;
  private volatile long lastFlushTimeMs;
  private volatile boolean closed;

  Log(
      File dir,
      TopicPartition topicPartition,
      Uuid topicId,
      LogConfig config,
      Time time,
      LogOpenOptions options,
      ProducerStateManager producerState,
      LeaderEpochCache leaderEpochCache,
      LogLoader.Loaded loaded) {
    this.dir = dir;
    this.topicPartition = topicPartition;
    this.topicId = topicId;
    this.config = config;
    this.time = time;
    this.options = options;
    this.producerState = producerState;
    this.leaderEpochCache = leaderEpochCache;
    this.segments = loaded.segments();
    this.deleter = new SegmentDeleter(options.scheduler());
    this.offsets =
        new LogOffsets(
            segments, loaded.logStartOffset(), loaded.logEndOffset(), options.highWatermark());
    this.lastFlushTimeMs = time.milliseconds();
    this.appender = new LogAppender(this);
  }

  /** Opens the log with default options: no checkpoints, immediate file deletion. */
  public static Log open(
      Path dir,
      TopicPartition topicPartition,
      Uuid topicId,
      LogConfig config,
      Time time,
      boolean cleanShutdown)
      throws IOException {
    return open(
        dir, topicPartition, topicId, config, time, cleanShutdown, LogOpenOptions.defaults());
  }

  /**
   * Opens (creating if needed) the log in {@code dir}; after an unclean shutdown every segment at
   * or above the recovery point is re-validated and a torn tail truncated.
   */
  public static Log open(
      Path dir,
      TopicPartition topicPartition,
      Uuid topicId,
      LogConfig config,
      Time time,
      boolean cleanShutdown,
      LogOpenOptions options)
      throws IOException {
    return LogLoader.open(dir, topicPartition, topicId, config, time, cleanShutdown, options);
  }

  /**
   * Validates a producer's batches, assigns them offsets from the log end offset, stamps the leader
   * epoch (and LogAppendTime when configured), and appends them. A retry of an idempotent batch
   * already written is not appended again: the result is flagged {@code duplicate} and carries the
   * original offsets.
   *
   * @throws org.apache.kafka.common.errors.CorruptRecordException on a CRC failure or trailing
   *     bytes
   * @throws org.apache.kafka.common.InvalidRecordException on a malformed or control batch
   * @throws org.apache.kafka.common.errors.RecordTooLargeException over max.message.bytes
   * @throws org.apache.kafka.common.errors.InvalidTimestampException outside the allowed range
   * @throws org.apache.kafka.common.errors.OutOfOrderSequenceException on a sequence gap
   * @throws org.apache.kafka.common.errors.InvalidProducerEpochException for a fenced epoch
   * @throws org.apache.kafka.common.errors.UnknownProducerIdException when producer state is lost
   */
  public LogAppendInfo appendAsLeader(MemoryRecords records, int leaderEpoch) {
    return appender.appendAsLeader(records, leaderEpoch);
  }

  /**
   * Appends batches copied from the leader, keeping their offsets, epochs and timestamps; they must
   * start at or after the log end offset.
   *
   * @throws UnexpectedAppendOffsetException when they start below the log end offset
   */
  public LogAppendInfo appendAsFollower(MemoryRecords records) {
    return appender.appendAsFollower(records);
  }

  /** Starts a new active segment at {@code newBaseOffset}; called under the lock. */
  LogSegment roll(long newBaseOffset) throws IOException {
    return appender.roll(newBaseOffset);
  }

  /**
   * Reads whole batches starting with the one that holds {@code startOffset}, below {@code
   * maxOffsetExclusive} (the high watermark for consumers, the end offset for followers) and within
   * {@code maxBytes}; with {@code minOneBatch} the first batch is returned whatever its size. The
   * records are a zero-copy slice of the segment file.
   *
   * @throws OffsetOutOfRangeException when {@code startOffset} is outside [logStartOffset, LEO]
   */
  public LogReadInfo read(
      long startOffset, int maxBytes, long maxOffsetExclusive, boolean minOneBatch) {
    LogOffsetMetadata end = offsets.end();
    long start = offsets.logStartOffset();
    long hw = offsets.highWatermark();
    if (startOffset < start || startOffset > end.offset()) {
      throw new OffsetOutOfRangeException(
          "Offset "
              + startOffset
              + " is outside ["
              + start
              + ", "
              + end.offset()
              + "] of "
              + topicPartition);
    }
    LogOffsetMetadata limit = offsets.metadataFor(Math.min(maxOffsetExclusive, end.offset()), end);
    FileSlice slice = segments.read(startOffset, maxBytes, limit, minOneBatch);
    return new LogReadInfo(slice, hw, start, end.offset());
  }

  public long logStartOffset() {
    return offsets.logStartOffset();
  }

  public long logEndOffset() {
    return offsets.logEndOffset();
  }

  public long highWatermark() {
    return offsets.highWatermark();
  }

  /** Sets the high watermark, clamped to [logStartOffset, logEndOffset]. */
  public void updateHighWatermark(long highWatermark) {
    offsets.updateHighWatermark(highWatermark);
  }

  public long recoveryPoint() {
    return offsets.recoveryPoint();
  }

  /**
   * The first record whose timestamp is at least {@code timestamp} (ListOffsets by time), at or
   * above the log start offset; empty when every record is older.
   */
  public Optional<TimestampAndOffset> fetchOffsetByTimestamp(long timestamp) {
    return LogTimestamps.offsetByTimestamp(segments, logStartOffset(), timestamp);
  }

  /** The record with the largest timestamp (ListOffsets MAX_TIMESTAMP, -3); empty for no data. */
  public Optional<TimestampAndOffset> fetchMaxTimestamp() {
    return LogTimestamps.maxTimestamp(segments.all(), logStartOffset());
  }

  /** Forces every segment at or above the recovery point; the recovery point becomes the LEO. */
  public void flush() throws IOException {
    long end = logEndOffset();
    LogSegment from = segments.floor(offsets.recoveryPoint());
    for (LogSegment segment : from == null ? segments.all() : segments.from(from.baseOffset())) {
      segment.flush();
    }
    offsets.advanceRecoveryPoint(end);
    lastFlushTimeMs = time.milliseconds();
  }

  public long lastFlushTimeMs() {
    return lastFlushTimeMs;
  }

  /** Forgets producers idle longer than producer.id.expiration.ms. */
  public int removeExpiredProducers() {
    return withLock(producerState::removeExpiredProducers);
  }

  /** Drops everything at or above {@code offset} (follower truncation); false if nothing was. */
  public boolean truncateTo(long offset) {
    return LogTruncation.truncateTo(this, offset);
  }

  /** Deletes every segment and restarts the log empty at {@code newOffset}. */
  public void truncateFullyAndStartAt(long newOffset) {
    LogTruncation.truncateFullyAndStartAt(this, newOffset);
  }

  /**
   * Moves the log start offset up (DeleteRecords); whole segments below it go at the next retention
   * pass.
   *
   * @throws OffsetOutOfRangeException when {@code newStart} is above the high watermark
   */
  public boolean maybeIncrementLogStartOffset(long newStart) {
    return LogTruncation.maybeIncrementLogStartOffset(this, newStart);
  }

  /**
   * Deletes the oldest segments that lie below the log start offset, are older than retention.ms
   * (by their largest timestamp) or exceed retention.bytes, as long as they lie wholly below the
   * high watermark. Files are renamed now and removed after file.delete.delay.ms.
   *
   * @return the number of segments deleted
   */
  public int deleteSegmentsPastRetention() {
    return LogRetention.deleteSegmentsPastRetention(this);
  }

  public LogConfig config() {
    return config;
  }

  public void updateConfig(LogConfig newConfig) {
    this.config = newConfig;
  }

  public TopicPartition topicPartition() {
    return topicPartition;
  }

  public Uuid topicId() {
    return topicId;
  }

  public Path dir() {
    return dir.toPath();
  }

  public int segmentCount() {
    return segments.count();
  }

  /** Base offsets of the segments, oldest first (for tests and diagnostics). */
  public List<Long> segmentBaseOffsets() {
    return segments.all().stream().map(LogSegment::baseOffset).toList();
  }

  public long sizeInBytes() {
    return segments.sizeInBytes();
  }

  public ProducerStateManager producerState() {
    return producerState;
  }

  public LeaderEpochCache leaderEpochCache() {
    return leaderEpochCache;
  }

  /** OffsetForLeaderEpoch: the largest epoch at most {@code epoch} and where it ends. */
  public EpochEndOffset endOffsetForEpoch(int epoch) {
    return leaderEpochCache.endOffsetFor(epoch, logEndOffset());
  }

  // Package-private state access for LogTruncation and LogRetention, which run under the lock.

  LogSegments segments() {
    return segments;
  }

  SegmentDeleter deleter() {
    return deleter;
  }

  Time time() {
    return time;
  }

  File directory() {
    return dir;
  }

  java.util.concurrent.ScheduledExecutorService scheduler() {
    return options.scheduler();
  }

  LogOffsets offsets() {
    return offsets;
  }

  void ensureOpen() {
    if (closed) {
      throw new KafkaStorageException("Log " + topicPartition + " is closed");
    }
  }

  /** Runs {@code action} under the log lock; I/O failures become {@link KafkaStorageException}. */
  <T> T withLock(IoSupplier<T> action) {
    lock.lock();
    try {
      ensureOpen();
      return action.get();
    } catch (IOException e) {
      throw new KafkaStorageException("I/O error on log " + topicPartition, e);
    } finally {
      lock.unlock();
    }
  }

  @FunctionalInterface
  interface IoSupplier<T> {
    T get() throws IOException;
  }

  /** Flushes, snapshots producer state at the end offset, and closes every segment. */
  @Override
  public void close() throws IOException {
    lock.lock();
    try {
      if (closed) {
        return;
      }
      flush();
      producerState.updateMapEndOffset(logEndOffset());
      producerState.takeSnapshot();
      for (LogSegment segment : segments.all()) {
        segment.close();
      }
      closed = true;
    } finally {
      lock.unlock();
    }
  }

  /** Releases the files without flushing: the directory is about to be deleted. */
  void closeForDeletion() throws IOException {
    lock.lock();
    try {
      closed = true;
      for (LogSegment segment : segments.all()) {
        segment.closeHandlers();
      }
      segments.clear();
    } finally {
      lock.unlock();
    }
  }

  /** Closes the files without flushing and deletes the whole directory. */
  public void closeAndDelete() throws IOException {
    lock.lock();
    try {
      closeForDeletion();
      LogDirectories.deleteRecursively(dir.toPath());
    } finally {
      lock.unlock();
    }
  }

  @Override
  public String toString() {
    return "Log(" + topicPartition + ", dir=" + dir + ")";
  }
}
