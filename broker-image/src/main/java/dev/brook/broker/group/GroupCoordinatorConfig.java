package dev.brook.broker.group;

/**
 * Settings of the group coordinator, named after the Kafka broker configs they mirror.
 *
 * @param offsetsTopicPartitions {@code offsets.topic.num.partitions}
 * @param groupMinSessionTimeoutMs {@code group.min.session.timeout.ms}
 * @param groupMaxSessionTimeoutMs {@code group.max.session.timeout.ms}
 * @param groupInitialRebalanceDelayMs {@code group.initial.rebalance.delay.ms}
 * @param groupMaxSize {@code group.max.size}
 * @param newMemberJoinTimeoutMs how long a new member may take to rejoin before it is dropped
 *     (Kafka's {@code group.classic.new.member.join.timeout.ms}, not a public config)
 * @param offsetMetadataMaxBytes {@code offset.metadata.max.bytes}
 * @param offsetsRetentionMs {@code offsets.retention.minutes} in milliseconds
 * @param offsetsRetentionCheckIntervalMs {@code offsets.retention.check.interval.ms}; also the
 *     cadence at which partitions are considered for a snapshot
 * @param offsetsSnapshotMinRecords records appended to an offsets-topic partition after which its
 *     live state is written anew and older records are dropped (Brook's stand-in for log
 *     compaction); 0 disables snapshots
 */
public record GroupCoordinatorConfig(
    int offsetsTopicPartitions,
    int groupMinSessionTimeoutMs,
    int groupMaxSessionTimeoutMs,
    int groupInitialRebalanceDelayMs,
    int groupMaxSize,
    int newMemberJoinTimeoutMs,
    int offsetMetadataMaxBytes,
    long offsetsRetentionMs,
    long offsetsRetentionCheckIntervalMs,
    long offsetsSnapshotMinRecords) {

  public static final int DEFAULT_OFFSETS_TOPIC_PARTITIONS = 50;

  public GroupCoordinatorConfig {
    if (offsetsTopicPartitions <= 0) {
      throw new IllegalArgumentException(
          "offsets.topic.num.partitions must be positive: " + offsetsTopicPartitions);
    }
    if (groupMinSessionTimeoutMs > groupMaxSessionTimeoutMs) {
      throw new IllegalArgumentException(
          "group.min.session.timeout.ms must not exceed group.max.session.timeout.ms");
    }
    if (groupMaxSize <= 0 || offsetMetadataMaxBytes < 0 || offsetsRetentionCheckIntervalMs <= 0) {
      throw new IllegalArgumentException("group.max.size and retention check must be positive");
    }
    if (offsetsSnapshotMinRecords < 0) {
      throw new IllegalArgumentException("offsetsSnapshotMinRecords must not be negative");
    }
  }

  /** Kafka's defaults. */
  public static GroupCoordinatorConfig defaults() {
    return new GroupCoordinatorConfig(
        DEFAULT_OFFSETS_TOPIC_PARTITIONS,
        6_000,
        1_800_000,
        3_000,
        Integer.MAX_VALUE,
        300_000,
        4096,
        10_080L * 60_000L,
        600_000L,
        10_000L);
  }

  public GroupCoordinatorConfig withOffsetsTopicPartitions(int value) {
    return new GroupCoordinatorConfig(
        value,
        groupMinSessionTimeoutMs,
        groupMaxSessionTimeoutMs,
        groupInitialRebalanceDelayMs,
        groupMaxSize,
        newMemberJoinTimeoutMs,
        offsetMetadataMaxBytes,
        offsetsRetentionMs,
        offsetsRetentionCheckIntervalMs,
        offsetsSnapshotMinRecords);
  }

  public GroupCoordinatorConfig withInitialRebalanceDelayMs(int value) {
    return new GroupCoordinatorConfig(
        offsetsTopicPartitions,
        groupMinSessionTimeoutMs,
        groupMaxSessionTimeoutMs,
        value,
        groupMaxSize,
        newMemberJoinTimeoutMs,
        offsetMetadataMaxBytes,
        offsetsRetentionMs,
        offsetsRetentionCheckIntervalMs,
        offsetsSnapshotMinRecords);
  }

  public GroupCoordinatorConfig withGroupMaxSize(int value) {
    return new GroupCoordinatorConfig(
        offsetsTopicPartitions,
        groupMinSessionTimeoutMs,
        groupMaxSessionTimeoutMs,
        groupInitialRebalanceDelayMs,
        value,
        newMemberJoinTimeoutMs,
        offsetMetadataMaxBytes,
        offsetsRetentionMs,
        offsetsRetentionCheckIntervalMs,
        offsetsSnapshotMinRecords);
  }

  public GroupCoordinatorConfig withOffsetsRetentionMs(long value) {
    return new GroupCoordinatorConfig(
        offsetsTopicPartitions,
        groupMinSessionTimeoutMs,
        groupMaxSessionTimeoutMs,
        groupInitialRebalanceDelayMs,
        groupMaxSize,
        newMemberJoinTimeoutMs,
        offsetMetadataMaxBytes,
        value,
        offsetsRetentionCheckIntervalMs,
        offsetsSnapshotMinRecords);
  }

  public GroupCoordinatorConfig withOffsetsSnapshotMinRecords(long value) {
    return new GroupCoordinatorConfig(
        offsetsTopicPartitions,
        groupMinSessionTimeoutMs,
        groupMaxSessionTimeoutMs,
        groupInitialRebalanceDelayMs,
        groupMaxSize,
        newMemberJoinTimeoutMs,
        offsetMetadataMaxBytes,
        offsetsRetentionMs,
        offsetsRetentionCheckIntervalMs,
        value);
  }
}
