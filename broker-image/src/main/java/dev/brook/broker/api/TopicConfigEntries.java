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
   * synonyms: the broker key ({@code log.retention.ms}) when the broker's properties or a dynamic
   * broker config set it.
   */
  Entry inherited(String key) {
    String value = defaults.config().asStrings().get(key);
    ConfigSource source = defaults.source(key);
    if (source != ConfigSource.DEFAULT_CONFIG) {
      String brokerKey = LogConfigSynonyms.brokerSynonym(key).orElse(key);
      return new Entry(brokerKey, value, source);
    }
    return new Entry(key, value, ConfigSource.DEFAULT_CONFIG);
  }

  private ConfigSource sourceOf(String key, Map<String, String> overrides) {
    return overrides.containsKey(key) ? ConfigSource.TOPIC_CONFIG : defaults.source(key);
  }

  static boolean isKnownKey(String key) {
    return LogConfig.supportedKeys().contains(key);
  }
}
