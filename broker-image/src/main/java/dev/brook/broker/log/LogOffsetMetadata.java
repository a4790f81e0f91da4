package dev.brook.broker.log;

/**
 * An offset with the segment and byte position where it starts, so that reads bounded by the end
 * offset or the high watermark do not search for the bound's position on every fetch.
 */
record LogOffsetMetadata(long offset, long segmentBaseOffset, int position) {}
