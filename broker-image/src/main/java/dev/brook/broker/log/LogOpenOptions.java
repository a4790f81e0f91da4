package dev.brook.broker.log;

import dev.brook.broker.producer.ProducerStateManager;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What a log needs beyond its directory and config: the offsets checkpointed by the log manager,
 * the producer expiration, and the scheduler running delayed file deletion and segment flushes.
 *
 * @param recoveryPoint offset below which data is known flushed; unclean loads re-validate above it
 * @param logStartOffset checkpointed log start offset (DeleteRecords may set it inside a segment)
 * @param highWatermark checkpointed high watermark (capped to the end offset on load)
 * @param scheduler runs delayed deletions; null deletes files immediately and flushes inline
 */
public record LogOpenOptions(
    long recoveryPoint,
    long logStartOffset,
    long highWatermark,
    long producerIdExpirationMs,
    ScheduledExecutorService scheduler) {

  public static LogOpenOptions defaults() {
    return new LogOpenOptions(
        0L, 0L, 0L, ProducerStateManager.DEFAULT_PRODUCER_ID_EXPIRATION_MS, null);
  }

  public LogOpenOptions withCheckpoints(
      long recoveryPoint, long logStartOffset, long highWatermark) {
    return new LogOpenOptions(
        recoveryPoint, logStartOffset, highWatermark, producerIdExpirationMs, scheduler);
  }

  public LogOpenOptions withScheduler(ScheduledExecutorService newScheduler) {
    return new LogOpenOptions(
        recoveryPoint, logStartOffset, highWatermark, producerIdExpirationMs, newScheduler);
  }

  public LogOpenOptions withProducerIdExpirationMs(long expirationMs) {
    return new LogOpenOptions(
        recoveryPoint, logStartOffset, highWatermark, expirationMs, scheduler);
  }
}
