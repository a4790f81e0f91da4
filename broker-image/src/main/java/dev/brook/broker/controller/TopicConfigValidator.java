package dev.brook.broker.controller;

import java.util.Map;
import org.apache.kafka.common.errors.InvalidConfigurationException;

/** Checks a topic's config overrides (keys, values, unsupported policies). */
@FunctionalInterface
public interface TopicConfigValidator {
  /**
   * @throws InvalidConfigurationException naming the offending key
   */
  void validate(Map<String, String> topicConfigs);
}
