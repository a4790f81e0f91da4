package dev.brook.operator.api;

/** The target of an offset reset. */
public enum OffsetResetTarget {
  /** The log start offset of each partition. */
  Earliest,
  /** The log end offset of each partition (skip everything not yet consumed). */
  Latest,
  /** The first offset whose timestamp is at or after {@code offsetReset.timestamp}. */
  Timestamp,
  /** The offsets listed in {@code offsetReset.offsets}. */
  Offsets
}
