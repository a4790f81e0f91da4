package dev.brook.broker.log;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.record.TimestampType;

/** Parses and validates topic-level settings into a {@link LogConfig}; ranges follow Kafka 4.x. */
final class LogConfigParser {

  static final Set<String> PUBLIC_KEYS =
      Collections.unmodifiableSet(new LinkedHashSet<>(LogConfig.defaults().asStrings().keySet()));

  private static final int MIN_SEGMENT_BYTES = 1024 * 1024;

  private LogConfigParser() {}

  static LogConfig apply(LogConfig base, Map<String, String> overrides) {
    Map<String, String> merged = base.asStrings();
    merged.put(LogConfig.INTERNAL_SEGMENT_BYTES, Integer.toString(base.internalSegmentBytes()));
    for (Map.Entry<String, String> override : overrides.entrySet()) {
      String key = override.getKey();
      if (!merged.containsKey(key)) {
        throw new InvalidConfigurationException("Unknown topic config name: " + key);
      }
      if (override.getValue() == null) {
        throw new InvalidConfigurationException("Null value not supported for topic config " + key);
      }
      merged.put(key, override.getValue().trim());
    }
    return parse(merged);
  }

  private static LogConfig parse(Map<String, String> values) {
    Reader in = new Reader(values);
    return new LogConfig(
        in.longAtLeast(LogConfig.RETENTION_MS, -1),
        in.longAtLeast(LogConfig.RETENTION_BYTES, Long.MIN_VALUE),
        in.intAtLeast(LogConfig.SEGMENT_BYTES, MIN_SEGMENT_BYTES),
        in.longAtLeast(LogConfig.SEGMENT_MS, 1),
        in.longAtLeast(LogConfig.SEGMENT_JITTER_MS, 0),
        in.intAtLeast(LogConfig.SEGMENT_INDEX_BYTES, 4),
        in.intAtLeast(LogConfig.INDEX_INTERVAL_BYTES, 0),
        in.cleanupPolicy(),
        in.intAtLeast(LogConfig.MAX_MESSAGE_BYTES, 0),
        in.intAtLeast(LogConfig.MIN_INSYNC_REPLICAS, 1),
        in.timestampType(),
        in.longAtLeast(LogConfig.MESSAGE_TIMESTAMP_BEFORE_MAX_MS, 0),
        in.longAtLeast(LogConfig.MESSAGE_TIMESTAMP_AFTER_MAX_MS, 0),
        in.longAtLeast(LogConfig.FILE_DELETE_DELAY_MS, 0),
        in.longAtLeast(LogConfig.FLUSH_MESSAGES, 1),
        in.longAtLeast(LogConfig.FLUSH_MS, 0),
        in.bool(LogConfig.UNCLEAN_LEADER_ELECTION_ENABLE),
        in.throttledReplicas(LogConfig.LEADER_REPLICATION_THROTTLED_REPLICAS),
        in.throttledReplicas(LogConfig.FOLLOWER_REPLICATION_THROTTLED_REPLICAS),
        in.internalSegmentBytes());
  }

  private record Reader(Map<String, String> values) {

    long longAtLeast(String key, long min) {
      long value;
      try {
        value = Long.parseLong(values.get(key));
      } catch (NumberFormatException e) {
        throw invalid(key, "expected a long", e);
      }
      if (value < min) {
        throw invalid(key, "must be at least " + min, null);
      }
      return value;
    }

    int intAtLeast(String key, int min) {
      long value = longAtLeast(key, min);
      if (value > Integer.MAX_VALUE) {
        throw invalid(key, "must be at most " + Integer.MAX_VALUE, null);
      }
      return (int) value;
    }

    boolean bool(String key) {
      String value = values.get(key).toLowerCase(Locale.ROOT);
      if (!value.equals("true") && !value.equals("false")) {
        throw invalid(key, "expected true or false", null);
      }
      return Boolean.parseBoolean(value);
    }

    TimestampType timestampType() {
      String value = values.get(LogConfig.MESSAGE_TIMESTAMP_TYPE);
      if (value.equals(TimestampType.CREATE_TIME.name)) {
        return TimestampType.CREATE_TIME;
      }
      if (value.equals(TimestampType.LOG_APPEND_TIME.name)) {
        return TimestampType.LOG_APPEND_TIME;
      }
      throw invalid(LogConfig.MESSAGE_TIMESTAMP_TYPE, "expected CreateTime or LogAppendTime", null);
    }

    String cleanupPolicy() {
      String value = values.get(LogConfig.CLEANUP_POLICY).toLowerCase(Locale.ROOT);
      if (value.contains("compact")) {
        throw invalid(LogConfig.CLEANUP_POLICY, "compact is not supported yet", null);
      }
      if (!value.equals(LogConfig.CLEANUP_POLICY_DELETE)) {
        throw invalid(LogConfig.CLEANUP_POLICY, "expected delete", null);
      }
      return value;
    }

    /** {@code *}, or a comma-separated list of {@code partition:brokerId}; empty for none. */
    String throttledReplicas(String key) {
      String value = values.get(key).trim();
      if (value.isEmpty() || value.equals("*")) {
        return value;
      }
      for (String entry : value.split(",")) {
        if (!entry.trim().matches("[0-9]+:[0-9]+")) {
          throw invalid(key, "expected * or a list of partition:brokerId", null);
        }
      }
      return value;
    }

    int internalSegmentBytes() {
      String key = LogConfig.INTERNAL_SEGMENT_BYTES;
      int value = intAtLeast(key, LogConfig.UNSET);
      if (value == 0) {
        throw invalid(key, "must be positive", null);
      }
      return value;
    }

    private InvalidConfigurationException invalid(String key, String why, Exception cause) {
      String message = "Invalid value " + values.get(key) + " for topic config " + key + ": " + why;
      return cause == null
          ? new InvalidConfigurationException(message)
          : new InvalidConfigurationException(message, cause);
    }
  }
}
