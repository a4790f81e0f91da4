package dev.brook.broker.log;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.errors.InvalidConfigurationException;

/**
 * Broker-level defaults for topic configs, under Kafka's broker key names ({@code log.retention.ms}
 * for {@code retention.ms}, ...). The broker turns its properties into default topic overrides with
 * {@link #topicDefaults}, and DescribeConfigs names the synonym with {@link #brokerSynonym}.
 */
public final class LogConfigSynonyms {

  private static final Map<String, String> BROKER_KEY_BY_TOPIC_KEY = synonyms();

  private LogConfigSynonyms() {}

  private static Map<String, String> synonyms() {
    Map<String, String> map = new LinkedHashMap<>();
    map.put(LogConfig.RETENTION_MS, "log.retention.ms");
    map.put(LogConfig.RETENTION_BYTES, "log.retention.bytes");
    map.put(LogConfig.SEGMENT_BYTES, "log.segment.bytes");
    map.put(LogConfig.SEGMENT_MS, "log.roll.ms");
    map.put(LogConfig.SEGMENT_JITTER_MS, "log.roll.jitter.ms");
    map.put(LogConfig.SEGMENT_INDEX_BYTES, "log.index.size.max.bytes");
    map.put(LogConfig.INDEX_INTERVAL_BYTES, "log.index.interval.bytes");
    map.put(LogConfig.CLEANUP_POLICY, "log.cleanup.policy");
    map.put(LogConfig.MAX_MESSAGE_BYTES, "message.max.bytes");
    map.put(LogConfig.MIN_INSYNC_REPLICAS, "min.insync.replicas");
    map.put(LogConfig.MESSAGE_TIMESTAMP_TYPE, "log.message.timestamp.type");
    map.put(LogConfig.MESSAGE_TIMESTAMP_BEFORE_MAX_MS, "log.message.timestamp.before.max.ms");
    map.put(LogConfig.MESSAGE_TIMESTAMP_AFTER_MAX_MS, "log.message.timestamp.after.max.ms");
    map.put(LogConfig.FILE_DELETE_DELAY_MS, "log.segment.delete.delay.ms");
    map.put(LogConfig.FLUSH_MESSAGES, "log.flush.interval.messages");
    map.put(LogConfig.FLUSH_MS, "log.flush.interval.ms");
    map.put(LogConfig.UNCLEAN_LEADER_ELECTION_ENABLE, "unclean.leader.election.enable");
    return Collections.unmodifiableMap(map);
  }

  /**
   * The broker keys that change topic defaults at run time as dynamic broker configs (per broker or
   * cluster-wide, as Kafka's DynamicLogConfig does): every synonym but {@code
   * unclean.leader.election.enable}, which the controller reads from its own properties.
   */
  public static Set<String> dynamicBrokerKeys() {
    Set<String> keys = new TreeSet<>(BROKER_KEY_BY_TOPIC_KEY.values());
    keys.addAll(
        List.of(
            "log.retention.minutes",
            "log.retention.hours",
            "log.roll.hours",
            "log.roll.jitter.hours"));
    keys.remove("unclean.leader.election.enable");
    return Collections.unmodifiableSet(keys);
  }

  /** The broker key whose value is the default of {@code topicKey}, e.g. log.retention.ms. */
  public static Optional<String> brokerSynonym(String topicKey) {
    return Optional.ofNullable(BROKER_KEY_BY_TOPIC_KEY.get(topicKey));
  }

  /**
   * The topic-level overrides that broker properties imply, as Kafka derives them: {@code
   * log.retention.ms} over {@code log.retention.minutes} over {@code log.retention.hours} (a
   * negative result means unlimited, -1), {@code log.roll.ms} over {@code log.roll.hours}, {@code
   * log.roll.jitter.ms} over {@code log.roll.jitter.hours}. Keys unrelated to logs are ignored;
   * {@code internal.segment.bytes} passes through for tests. Apply with {@link
   * LogConfig#withOverrides}, which validates the values.
   */
  public static Map<String, String> topicDefaults(Map<String, String> brokerProperties) {
    Map<String, String> topic = new HashMap<>();
    BROKER_KEY_BY_TOPIC_KEY.forEach(
        (topicKey, brokerKey) -> {
          String value = brokerProperties.get(brokerKey);
          if (value != null) {
            topic.put(topicKey, value.trim());
          }
        });
    retentionMs(brokerProperties).ifPresent(ms -> topic.put(LogConfig.RETENTION_MS, ms));
    timeMs(brokerProperties, "log.roll.ms", null, "log.roll.hours")
        .ifPresent(ms -> topic.put(LogConfig.SEGMENT_MS, ms));
    timeMs(brokerProperties, "log.roll.jitter.ms", null, "log.roll.jitter.hours")
        .ifPresent(ms -> topic.put(LogConfig.SEGMENT_JITTER_MS, ms));
    String internal = brokerProperties.get(LogConfig.INTERNAL_SEGMENT_BYTES);
    if (internal != null) {
      topic.put(LogConfig.INTERNAL_SEGMENT_BYTES, internal.trim());
    }
    return topic;
  }

  private static Optional<String> retentionMs(Map<String, String> props) {
    return timeMs(props, "log.retention.ms", "log.retention.minutes", "log.retention.hours")
        .map(ms -> Long.parseLong(ms) < 0 ? "-1" : ms);
  }

  private static Optional<String> timeMs(
      Map<String, String> props, String msKey, String minutesKey, String hoursKey) {
    if (props.containsKey(msKey)) {
      return Optional.of(Long.toString(parse(props, msKey)));
    }
    if (minutesKey != null && props.containsKey(minutesKey)) {
      return Optional.of(Long.toString(parse(props, minutesKey) * 60_000L));
    }
    if (props.containsKey(hoursKey)) {
      return Optional.of(Long.toString(parse(props, hoursKey) * 3_600_000L));
    }
    return Optional.empty();
  }

  private static long parse(Map<String, String> props, String key) {
    try {
      return Long.parseLong(props.get(key).trim());
    } catch (NumberFormatException e) {
      throw new InvalidConfigurationException(
          "Invalid value " + props.get(key) + " for configuration " + key, e);
    }
  }
}
