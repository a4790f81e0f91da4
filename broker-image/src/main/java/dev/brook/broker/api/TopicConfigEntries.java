package dev.brook.broker.api;

import dev.brook.broker.config.BrokerLogDefaults;
import dev.brook.broker.log.LogConfig;
import dev.brook.broker.log.LogConfigSynonyms;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.requests.DescribeConfigsResponse.ConfigSource;

/** A topic's effective configuration, each key with its value and where the value comes from. */
final class TopicConfigEntries {

  record Entry(String name, String value, ConfigSource source) {}

  private final BrokerLogDefaults defaults;

  TopicConfigEntries(BrokerLogDefaults defaults) {
    this.defaults = defaults;
  }

  List<Entry> of(Map<String, String> overrides) {
    Map<String, String> effective = defaults.forTopic(overrides).asStrings();
    List<Entry> entries = new ArrayList<>();
    effective.forEach((key, value) -> entries.add(new Entry(key, value, sourceOf(key, overrides))));
    return entries;
  }

  /**
   * The value the key would have without the topic override and its source, named as Kafka names
   * synonyms: the broker key ({@code log.retention.ms}) when the broker set it.
   */
  Entry inherited(String key) {
    String value = defaults.config().asStrings().get(key);
    if (defaults.isSetByBroker(key)) {
      String brokerKey = LogConfigSynonyms.brokerSynonym(key).orElse(key);
      return new Entry(brokerKey, value, ConfigSource.STATIC_BROKER_CONFIG);
    }
    return new Entry(key, value, ConfigSource.DEFAULT_CONFIG);
  }

  private ConfigSource sourceOf(String key, Map<String, String> overrides) {
    if (overrides.containsKey(key)) {
      return ConfigSource.TOPIC_CONFIG;
    }
    return defaults.isSetByBroker(key)
        ? ConfigSource.STATIC_BROKER_CONFIG
        : ConfigSource.DEFAULT_CONFIG;
  }

  static boolean isKnownKey(String key) {
    return LogConfig.supportedKeys().contains(key);
  }
}
