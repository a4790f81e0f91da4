package dev.brook.broker.config;

import dev.brook.broker.log.LogConfig;
import dev.brook.broker.log.LogConfigSynonyms;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.InvalidConfigurationException;

/**
 * The topic defaults this broker applies: Kafka's topic defaults overridden by the {@code log.*}
 * settings given to the broker, derived as Kafka derives them ({@code log.retention.hours} becomes
 * {@code retention.ms}, {@code message.max.bytes} becomes {@code max.message.bytes}, ...; see
 * {@link LogConfigSynonyms}). Knows which topic keys the broker set, so DescribeConfigs can report
 * STATIC_BROKER_CONFIG versus DEFAULT_CONFIG.
 */
public final class BrokerLogDefaults {

  private final LogConfig config;
  private final Set<String> brokerSetTopicKeys;

  private BrokerLogDefaults(LogConfig config, Set<String> brokerSetTopicKeys) {
    this.config = config;
    this.brokerSetTopicKeys = brokerSetTopicKeys;
  }

  public static BrokerLogDefaults from(BrokerConfig broker) {
    Map<String, String> topicKeys = LogConfigSynonyms.topicDefaults(broker.originalsStrings());
    try {
      return new BrokerLogDefaults(
          LogConfig.defaults().withOverrides(topicKeys), Set.copyOf(topicKeys.keySet()));
    } catch (InvalidConfigurationException e) {
      throw new ConfigException("invalid log.* broker setting: " + e.getMessage());
    }
  }

  public LogConfig config() {
    return config;
  }

  /** The effective settings of a topic with these overrides. */
  public LogConfig forTopic(Map<String, String> overrides) {
    return config.withOverrides(overrides);
  }

  public boolean isSetByBroker(String topicKey) {
    return brokerSetTopicKeys.contains(topicKey);
  }
}
