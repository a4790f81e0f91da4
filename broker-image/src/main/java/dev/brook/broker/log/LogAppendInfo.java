package dev.brook.broker.log;

/**
 * The outcome of an append: the offsets given to the batches, or, for a duplicate retry of an
 * idempotent batch, the offsets it was written at the first time (nothing new was appended).
 *
 * @param logAppendTimeMs the broker time stamped on the batches, or -1 for CreateTime topics
 */
public record LogAppendInfo(
    long firstOffset,
    long lastOffset,
    long maxTimestamp,
    long logAppendTimeMs,
    long logStartOffset,
    int recordCount,
    int validBytes,
    boolean duplicate) {}
