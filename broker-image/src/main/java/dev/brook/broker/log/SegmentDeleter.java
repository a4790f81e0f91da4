package dev.brook.broker.log;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.errors.KafkaStorageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes segments in two steps, as Kafka does: rename the files to {@code .deleted} at once (a
 * restart deletes such leftovers), then close and delete them after {@code file.delete.delay.ms},
 * so that fetches already sending a zero-copy slice of the file can finish.
 */
final class SegmentDeleter {

  private static final Logger LOG = LoggerFactory.getLogger(SegmentDeleter.class);

  private final ScheduledExecutorService scheduler;

  SegmentDeleter(ScheduledExecutorService scheduler) {
    this.scheduler = scheduler;
  }

  void deleteLater(List<LogSegment> segments, long delayMs) {
    for (LogSegment segment : segments) {
      try {
        segment.changeFileSuffixes("", LogFiles.DELETED_SUFFIX);
      } catch (IOException e) {
        throw new KafkaStorageException("Cannot rename " + segment + " for deletion", e);
      }
    }
    if (scheduler == null) {
      segments.forEach(SegmentDeleter::deleteNow);
      return;
    }
    try {
      scheduler.schedule(
          () -> segments.forEach(SegmentDeleter::deleteNow), delayMs, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      segments.forEach(SegmentDeleter::deleteNow);
    }
  }

  static void deleteNow(LogSegment segment) {
    try {
      segment.deleteIfExists();
    } catch (IOException e) {
      LOG.warn("Cannot delete {}", segment, e);
    }
  }
}
