package dev.brook.broker.producer;

/** Sequence and offset range of one appended idempotent batch, kept for duplicate detection. */
public record BatchMetadata(
    int firstSeq, int lastSeq, long firstOffset, long lastOffset, long timestamp) {}
