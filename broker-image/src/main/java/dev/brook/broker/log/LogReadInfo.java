package dev.brook.broker.log;

import org.apache.kafka.common.record.Records;

/**
 * The result of a read: whole batches (a zero-copy {@link
 * org.apache.kafka.common.record.FileRecords} slice, or empty) and the log's offsets at the time of
 * the read, as a Fetch response reports them.
 */
public record LogReadInfo(
    Records records, long highWatermark, long logStartOffset, long logEndOffset) {}
