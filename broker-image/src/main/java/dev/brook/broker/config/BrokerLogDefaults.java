package dev.brook.broker.config;

import dev.brook.broker.log.LogConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.InvalidConfigurationException;

/**
 * The topic defaults this broker applies, derived from its {@code log.*} settings as Kafka derives
 * them ({@code log.retention.hours} becomes {@code retention.ms}, {@code message.max.bytes} becomes
 * {@code max.message.bytes}, ...). Knows which topic keys the broker configuration set explicitly,
 * so DescribeConfigs can report STATIC_BROKER_CONFIG versus DEFAULT_CONFIG.
 */
public final class BrokerLogDefaults {

  private final LogConfig config;
  private final Set<String> explicitlySetTopicKeys;

  private BrokerLogDefaults(LogConfig config, Set<String> explicitlySetTopicKeys) {
    this.config = config;
    this.explicitlySetTopicKeys = explicitlySetTopicKeys;
  }

  public static BrokerLogDefaults from(BrokerConfig broker) {
    Map<String, String> topicKeys = new LinkedHashMap<>();
    topicKeys.put(LogConfig.RETENTION_MS, Long.toString(broker.logRetentionMs()));
    topicKeys.put(
        LogConfig.RETENTION_BYTES, broker.getLong(BrokerConfigDef.LOG_RETENTION_BYTES).toString());
    topicKeys.put(
        LogConfig.SEGMENT_BYTES, broker.getInt(BrokerConfigDef.LOG_SEGMENT_BYTES).toString());
    topicKeys.put(LogConfig.SEGMENT_MS, Long.toString(broker.logRollMs()));
    topicKeys.put(
        LogConfig.SEGMENT_INDEX_BYTES,
        broker.getInt(BrokerConfigDef.LOG_INDEX_SIZE_MAX_BYTES).toString());
    topicKeys.put(
        LogConfig.INDEX_INTERVAL_BYTES,
        broker.getInt(BrokerConfigDef.LOG_INDEX_INTERVAL_BYTES).toString());
    topicKeys.put(
        LogConfig.CLEANUP_POLICY,
        String.join(",", broker.getList(BrokerConfigDef.LOG_CLEANUP_POLICY)));
    topicKeys.put(
        LogConfig.MAX_MESSAGE_BYTES, broker.getInt(BrokerConfigDef.MESSAGE_MAX_BYTES).toString());
    topicKeys.put(
        LogConfig.MIN_INSYNC_REPLICAS,
        broker.getInt(BrokerConfigDef.MIN_INSYNC_REPLICAS).toString());
    topicKeys.put(
        LogConfig.MESSAGE_TIMESTAMP_TYPE,
        broker.getString(BrokerConfigDef.LOG_MESSAGE_TIMESTAMP_TYPE));
    topicKeys.put(
        LogConfig.FLUSH_MESSAGES,
        broker.getLong(BrokerConfigDef.LOG_FLUSH_INTERVAL_MESSAGES).toString());
    Long flushMs = broker.getLong(BrokerConfigDef.LOG_FLUSH_INTERVAL_MS);
    if (flushMs != null) {
      topicKeys.put(LogConfig.FLUSH_MS, flushMs.toString());
    }
    topicKeys.put(
        LogConfig.UNCLEAN_LEADER_ELECTION_ENABLE,
        broker.getBoolean(BrokerConfigDef.UNCLEAN_LEADER_ELECTION_ENABLE).toString());
    try {
      LogConfig config = LogConfig.defaults().withOverrides(topicKeys);
      return new BrokerLogDefaults(config, explicitTopicKeys(broker));
    } catch (InvalidConfigurationException e) {
      throw new ConfigException("invalid log.* broker setting: " + e.getMessage());
    }
  }

  private static Set<String> explicitTopicKeys(BrokerConfig broker) {
    Map<String, String> brokerToTopic =
        Map.ofEntries(
            Map.entry(BrokerConfigDef.LOG_RETENTION_MS, LogConfig.RETENTION_MS),
            Map.entry(BrokerConfigDef.LOG_RETENTION_MINUTES, LogConfig.RETENTION_MS),
            Map.entry(BrokerConfigDef.LOG_RETENTION_HOURS, LogConfig.RETENTION_MS),
            Map.entry(BrokerConfigDef.LOG_RETENTION_BYTES, LogConfig.RETENTION_BYTES),
            Map.entry(BrokerConfigDef.LOG_SEGMENT_BYTES, LogConfig.SEGMENT_BYTES),
            Map.entry(BrokerConfigDef.LOG_ROLL_MS, LogConfig.SEGMENT_MS),
            Map.entry(BrokerConfigDef.LOG_ROLL_HOURS, LogConfig.SEGMENT_MS),
            Map.entry(BrokerConfigDef.LOG_INDEX_SIZE_MAX_BYTES, LogConfig.SEGMENT_INDEX_BYTES),
            Map.entry(BrokerConfigDef.LOG_INDEX_INTERVAL_BYTES, LogConfig.INDEX_INTERVAL_BYTES),
            Map.entry(BrokerConfigDef.LOG_CLEANUP_POLICY, LogConfig.CLEANUP_POLICY),
            Map.entry(BrokerConfigDef.MESSAGE_MAX_BYTES, LogConfig.MAX_MESSAGE_BYTES),
            Map.entry(BrokerConfigDef.MIN_INSYNC_REPLICAS, LogConfig.MIN_INSYNC_REPLICAS),
            Map.entry(BrokerConfigDef.LOG_MESSAGE_TIMESTAMP_TYPE, LogConfig.MESSAGE_TIMESTAMP_TYPE),
            Map.entry(BrokerConfigDef.LOG_FLUSH_INTERVAL_MESSAGES, LogConfig.FLUSH_MESSAGES),
            Map.entry(BrokerConfigDef.LOG_FLUSH_INTERVAL_MS, LogConfig.FLUSH_MS),
            Map.entry(
                BrokerConfigDef.UNCLEAN_LEADER_ELECTION_ENABLE,
                LogConfig.UNCLEAN_LEADER_ELECTION_ENABLE));
    return broker.explicitValues().keySet().stream()
        .filter(brokerToTopic::containsKey)
        .map(brokerToTopic::get)
        .collect(java.util.stream.Collectors.toUnmodifiableSet());
  }

  public LogConfig config() {
    return config;
  }

  /** The effective settings of a topic with these overrides. */
  public LogConfig forTopic(Map<String, String> overrides) {
    return config.withOverrides(overrides);
  }

  public boolean isSetByBroker(String topicKey) {
    return explicitlySetTopicKeys.contains(topicKey);
  }
}
