package dev.brook.broker.group;

/**
 * A committed offset as stored and returned by OffsetFetch.
 *
 * @param offset the next offset the group will consume
 * @param leaderEpoch the leader epoch of the committed record, or -1 when unknown
 * @param metadata the client's metadata string, never null ("" when absent)
 * @param commitTimestampMs when the coordinator accepted the commit
 * @param expireTimestampMs explicit expiry from OffsetCommit v2-4 retention time, or -1
 */
record CommittedOffset(
    long offset, int leaderEpoch, String metadata, long commitTimestampMs, long expireTimestampMs) {

  static final int NO_LEADER_EPOCH = -1;
  static final long NO_EXPIRE_TIMESTAMP = -1L;

  CommittedOffset {
    metadata = metadata == null ? "" : metadata;
  }
}
