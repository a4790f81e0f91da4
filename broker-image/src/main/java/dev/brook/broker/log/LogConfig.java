package dev.brook.broker.log;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.record.TimestampType;

/**
 * Per-topic log settings, immutable. Keys and defaults are Kafka's topic-level ones (Kafka 4.x), so
 * DescribeConfigs and IncrementalAlterConfigs can expose them unchanged.
 *
 * <p>{@code segment.bytes} must be at least 1 MiB, as in Kafka 4.x. Tests that need tiny segments
 * use Kafka's own escape hatch, the internal key {@value #INTERNAL_SEGMENT_BYTES} (any positive
 * value), which {@link #withOverrides} accepts but {@link #supportedKeys()} does not list; when set
 * it replaces {@code segment.bytes} for rolling.
 */
public record LogConfig(
    long retentionMs,
    long retentionBytes,
    int segmentBytes,
    long segmentMs,
    long segmentJitterMs,
    int segmentIndexBytes,
    int indexIntervalBytes,
    String cleanupPolicy,
    int maxMessageBytes,
    int minInsyncReplicas,
    TimestampType messageTimestampType,
    long messageTimestampBeforeMaxMs,
    long messageTimestampAfterMaxMs,
    long fileDeleteDelayMs,
    long flushMessages,
    long flushMs,
    boolean uncleanLeaderElectionEnable,
    String leaderReplicationThrottledReplicas,
    String followerReplicationThrottledReplicas,
    int internalSegmentBytes) {

  public static final String RETENTION_MS = "retention.ms";
  public static final String RETENTION_BYTES = "retention.bytes";
  public static final String SEGMENT_BYTES = "segment.bytes";
  public static final String SEGMENT_MS = "segment.ms";
  public static final String SEGMENT_JITTER_MS = "segment.jitter.ms";
  public static final String SEGMENT_INDEX_BYTES = "segment.index.bytes";
  public static final String INDEX_INTERVAL_BYTES = "index.interval.bytes";
  public static final String CLEANUP_POLICY = "cleanup.policy";
  public static final String MAX_MESSAGE_BYTES = "max.message.bytes";
  public static final String MIN_INSYNC_REPLICAS = "min.insync.replicas";
  public static final String MESSAGE_TIMESTAMP_TYPE = "message.timestamp.type";
  public static final String MESSAGE_TIMESTAMP_BEFORE_MAX_MS = "message.timestamp.before.max.ms";
  public static final String MESSAGE_TIMESTAMP_AFTER_MAX_MS = "message.timestamp.after.max.ms";
  public static final String FILE_DELETE_DELAY_MS = "file.delete.delay.ms";
  public static final String FLUSH_MESSAGES = "flush.messages";
  public static final String FLUSH_MS = "flush.ms";
  public static final String UNCLEAN_LEADER_ELECTION_ENABLE = "unclean.leader.election.enable";
  public static final String LEADER_REPLICATION_THROTTLED_REPLICAS =
      "leader.replication.throttled.replicas";
  public static final String FOLLOWER_REPLICATION_THROTTLED_REPLICAS =
      "follower.replication.throttled.replicas";

  /** Kafka's testing-only key for segments below 1 MiB. */
  public static final String INTERNAL_SEGMENT_BYTES = "internal.segment.bytes";

  /** Not set: {@link #internalSegmentBytes()} holds this when the internal key is absent. */
  public static final int UNSET = -1;

  public static final String CLEANUP_POLICY_DELETE = "delete";

  private static final LogConfig DEFAULTS =
      new LogConfig(
          604_800_000L,
          -1L,
          1_073_741_824,
          604_800_000L,
          0L,
          10_485_760,
          4096,
          CLEANUP_POLICY_DELETE,
          1_048_588,
          1,
          TimestampType.CREATE_TIME,
          Long.MAX_VALUE,
          3_600_000L,
          60_000L,
          Long.MAX_VALUE,
          Long.MAX_VALUE,
          false,
          "",
          "",
          UNSET);

  public LogConfig {
    if (messageTimestampType != TimestampType.CREATE_TIME
        && messageTimestampType != TimestampType.LOG_APPEND_TIME) {
      throw new IllegalArgumentException("timestamp type " + messageTimestampType);
    }
  }

  /** Kafka's topic defaults. */
  public static LogConfig defaults() {
    return DEFAULTS;
  }

  /** The public topic-level keys, in a stable order (DescribeConfigs lists them in this order). */
  public static Set<String> supportedKeys() {
    return LogConfigParser.PUBLIC_KEYS;
  }

  /**
   * A copy with the given topic-level settings applied.
   *
   * @throws org.apache.kafka.common.errors.InvalidConfigurationException naming the key when a key
   *     is unknown, a value does not parse or is out of range, or a feature is not supported
   */
  public LogConfig withOverrides(Map<String, String> topicConfigs) {
    return LogConfigParser.apply(this, topicConfigs);
  }

  /** Every public key mapped to its effective value, as DescribeConfigs shows it. */
  public Map<String, String> asStrings() {
    Map<String, String> values = new LinkedHashMap<>();
    values.put(RETENTION_MS, Long.toString(retentionMs));
    values.put(RETENTION_BYTES, Long.toString(retentionBytes));
    values.put(SEGMENT_BYTES, Integer.toString(segmentBytes));
    values.put(SEGMENT_MS, Long.toString(segmentMs));
    values.put(SEGMENT_JITTER_MS, Long.toString(segmentJitterMs));
    values.put(SEGMENT_INDEX_BYTES, Integer.toString(segmentIndexBytes));
    values.put(INDEX_INTERVAL_BYTES, Integer.toString(indexIntervalBytes));
    values.put(CLEANUP_POLICY, cleanupPolicy);
    values.put(MAX_MESSAGE_BYTES, Integer.toString(maxMessageBytes));
    values.put(MIN_INSYNC_REPLICAS, Integer.toString(minInsyncReplicas));
    values.put(MESSAGE_TIMESTAMP_TYPE, messageTimestampType.name);
    values.put(MESSAGE_TIMESTAMP_BEFORE_MAX_MS, Long.toString(messageTimestampBeforeMaxMs));
    values.put(MESSAGE_TIMESTAMP_AFTER_MAX_MS, Long.toString(messageTimestampAfterMaxMs));
    values.put(FILE_DELETE_DELAY_MS, Long.toString(fileDeleteDelayMs));
    values.put(FLUSH_MESSAGES, Long.toString(flushMessages));
    values.put(FLUSH_MS, Long.toString(flushMs));
    values.put(UNCLEAN_LEADER_ELECTION_ENABLE, Boolean.toString(uncleanLeaderElectionEnable));
    values.put(LEADER_REPLICATION_THROTTLED_REPLICAS, leaderReplicationThrottledReplicas);
    values.put(FOLLOWER_REPLICATION_THROTTLED_REPLICAS, followerReplicationThrottledReplicas);
    return values;
  }

  /**
   * The size at which the active segment rolls: the internal override if set, else segment.bytes.
   */
  public int effectiveSegmentBytes() {
    return internalSegmentBytes == UNSET ? segmentBytes : internalSegmentBytes;
  }
}
