package dev.brook.broker.log;

import dev.brook.broker.producer.ProducerStateManager;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.KafkaStorageException;
import org.apache.kafka.common.record.FileLogInputStream.FileChannelRecordBatch;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the segments of a partition directory and brings the log to a consistent state:
 *
 * <ol>
 *   <li>delete leftovers: {@code .deleted} segments, {@code .tmp} files, indexes without data;
 *   <li>open every {@code <offset>.log} with its indexes;
 *   <li>recover a segment (rebuild its indexes, truncate its torn tail, drop later segments) when
 *       the shutdown was unclean and it lies at or above the recovery point, or when its indexes
 *       are missing or fail their sanity check;
 *   <li>derive the end offset from the active segment, then the leader epochs and producer state
 *       (latest snapshot at or below the end offset, plus a replay of the batches after it).
 * </ol>
 */
final class LogLoader {

  private static final Logger LOG = LoggerFactory.getLogger(LogLoader.class);

  record Loaded(LogSegments segments, long logStartOffset, long logEndOffset) {}

  private LogLoader() {}

  /** Checks the directory's topic id, then loads segments, leader epochs and producer state. */
  static Log open(
      Path dir,
      TopicPartition topicPartition,
      Uuid topicId,
      LogConfig config,
      Time time,
      boolean cleanShutdown,
      LogOpenOptions options)
      throws IOException {
    Files.createDirectories(dir);
    PartitionMetadataFile metadata = new PartitionMetadataFile(dir);
    Uuid storedId = metadata.read().orElse(null);
    if (storedId != null && topicId != null && !storedId.equals(topicId)) {
      throw new KafkaStorageException(
          "Directory " + dir + " holds topic id " + storedId + ", not " + topicId);
    }
    if (storedId == null && topicId != null) {
      metadata.write(topicId);
    }
    ProducerStateManager producerState =
        new ProducerStateManager(dir, topicPartition, options.producerIdExpirationMs(), time);
    LeaderEpochCache epochs = new LeaderEpochCache(dir);
    Loaded loaded = load(dir.toFile(), config, time, cleanShutdown, options, producerState, epochs);
    Uuid effectiveId = topicId != null ? topicId : storedId;
    return new Log(
        dir.toFile(),
        topicPartition,
        effectiveId,
        config,
        time,
        options,
        producerState,
        epochs,
        loaded);
  }

  static Loaded load(
      File dir,
      LogConfig config,
      Time time,
      boolean cleanShutdown,
      LogOpenOptions options,
      ProducerStateManager producerState,
      LeaderEpochCache leaderEpochCache)
      throws IOException {
    deleteLeftovers(dir);
    LogSegments segments = new LogSegments();
    List<Long> needIndexRebuild = new java.util.ArrayList<>();
    for (File file : listFiles(dir)) {
      OptionalLong baseOffset = LogFiles.offsetFromName(file.getName(), LogFiles.LOG_SUFFIX);
      if (baseOffset.isPresent()) {
        long base = baseOffset.getAsLong();
        if (!LogFiles.offsetIndexFile(dir, base).exists()
            || !LogFiles.timeIndexFile(dir, base).exists()) {
          needIndexRebuild.add(base);
        }
        segments.add(LogSegment.open(dir, base, config, time));
      }
    }
    if (segments.isEmpty()) {
      segments.add(LogSegment.open(dir, options.logStartOffset(), config, time));
    }
    recoverSegments(segments, cleanShutdown, options.recoveryPoint(), needIndexRebuild);
    segments.active().resizeIndexes(config.segmentIndexBytes());
    long logEndOffset = segments.active().readNextOffset();
    long logStartOffset =
        Math.min(Math.max(options.logStartOffset(), segments.first().baseOffset()), logEndOffset);
    leaderEpochCache.truncateFromEnd(logEndOffset);
    leaderEpochCache.truncateFromStart(logStartOffset);
    rebuildProducerState(producerState, segments, logStartOffset, logEndOffset);
    return new Loaded(segments, logStartOffset, logEndOffset);
  }

  private static void recoverSegments(
      LogSegments segments, boolean cleanShutdown, long recoveryPoint, List<Long> rebuild)
      throws IOException {
    LogSegment recoveryStart = segments.floor(recoveryPoint);
    long recoverFrom = recoveryStart == null ? Long.MIN_VALUE : recoveryStart.baseOffset();
    for (LogSegment segment : segments.all()) {
      boolean isActive = segment == segments.active();
      if (!needsRecovery(segment, cleanShutdown, recoverFrom, rebuild)) {
        continue;
      }
      int truncated = segment.recover();
      if (truncated > 0) {
        LOG.warn("Recovered {}: truncated {} invalid bytes at its end", segment, truncated);
      }
      if (!isActive) {
        segment.onBecomeInactiveSegment();
      }
      segment.flush();
      if (truncated > 0 && !isActive) {
        dropSegmentsAfter(segments, segment);
        return;
      }
    }
  }

  private static boolean needsRecovery(
      LogSegment segment, boolean cleanShutdown, long recoverFrom, List<Long> rebuild) {
    if (rebuild.contains(segment.baseOffset())) {
      return true;
    }
    if (!cleanShutdown && segment.baseOffset() >= recoverFrom) {
      return true;
    }
    try {
      segment.sanityCheckIndexes();
      return false;
    } catch (IllegalStateException e) {
      LOG.warn("Rebuilding the indexes of {}: {}", segment, e.getMessage());
      return true;
    }
  }

  private static void dropSegmentsAfter(LogSegments segments, LogSegment last) throws IOException {
    for (LogSegment later : List.copyOf(segments.from(last.baseOffset() + 1))) {
      LOG.warn("Deleting {} after a corrupt batch in the segment before it", later);
      segments.remove(later.baseOffset());
      later.deleteIfExists();
    }
  }

  /** Restores producer state from the latest snapshot and replays the batches after it. */
  static void rebuildProducerState(
      ProducerStateManager producerState,
      LogSegments segments,
      long logStartOffset,
      long logEndOffset)
      throws IOException {
    producerState.truncateAndReload(logStartOffset, logEndOffset);
    long replayFrom = producerState.mapEndOffset();
    if (replayFrom < logEndOffset) {
      LogSegment start = segments.floor(replayFrom);
      long fromBase = start == null ? Long.MIN_VALUE : start.baseOffset();
      for (LogSegment segment : segments.from(fromBase)) {
        for (FileChannelRecordBatch batch : segment.records().batches()) {
          if (batch.lastOffset() >= replayFrom && batch.baseOffset() < logEndOffset) {
            producerState.replay(batch);
          }
        }
      }
    }
    producerState.updateMapEndOffset(logEndOffset);
    producerState.removeExpiredProducers();
  }

  private static void deleteLeftovers(File dir) throws IOException {
    for (File file : listFiles(dir)) {
      String name = file.getName();
      if (name.endsWith(LogFiles.DELETED_SUFFIX) || name.endsWith(".tmp")) {
        Files.deleteIfExists(file.toPath());
        continue;
      }
      OptionalLong indexBase = LogFiles.offsetFromName(name, LogFiles.INDEX_SUFFIX);
      if (indexBase.isEmpty()) {
        indexBase = LogFiles.offsetFromName(name, LogFiles.TIME_INDEX_SUFFIX);
      }
      if (indexBase.isPresent() && !LogFiles.logFile(dir, indexBase.getAsLong()).exists()) {
        Files.deleteIfExists(file.toPath());
      }
    }
  }

  private static File[] listFiles(File dir) throws IOException {
    File[] files = dir.listFiles();
    if (files == null) {
      throw new IOException("Cannot list " + dir);
    }
    java.util.Arrays.sort(files);
    return files;
  }
}
