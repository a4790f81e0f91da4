package dev.brook.broker.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.config.ConfigException;

/**
 * Builds the broker's settings from, in increasing precedence: a Kafka-style properties file,
 * environment variables {@code BROOK_<KEY>} (dots as underscores, e.g. {@code BROOK_LOG_DIRS}), and
 * {@code --override key=value} flags. Unknown keys are refused so that a typo never silently falls
 * back to a default.
 */
public final class ConfigLoader {

  static final String ENV_PREFIX = "BROOK_";

  private ConfigLoader() {}

  public static BrokerConfig load(
      Path propertiesFile, Map<String, String> environment, Map<String, String> overrides) {
    Map<String, String> merged = new LinkedHashMap<>();
    if (propertiesFile != null) {
      merged.putAll(readProperties(propertiesFile));
    }
    merged.putAll(fromEnvironment(environment));
    merged.putAll(overrides);
    rejectUnknownKeys(merged);
    return new BrokerConfig(merged);
  }

  static Map<String, String> readProperties(Path file) {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file)) {
      properties.load(reader);
    } catch (IOException e) {
      throw new ConfigException("cannot read configuration file " + file + ": " + e.getMessage());
    }
    Map<String, String> values = new LinkedHashMap<>();
    properties.stringPropertyNames().forEach(k -> values.put(k, properties.getProperty(k).trim()));
    return values;
  }

  static Map<String, String> fromEnvironment(Map<String, String> environment) {
    Map<String, String> values = new LinkedHashMap<>();
    environment.forEach(
        (name, value) -> {
          if (name.startsWith(ENV_PREFIX)) {
            String key =
                name.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.');
            if (BrokerConfigDef.names().contains(key)) {
              values.put(key, value);
            }
          }
        });
    return values;
  }

  private static void rejectUnknownKeys(Map<String, String> values) {
    for (String key : values.keySet()) {
      if (!BrokerConfigDef.names().contains(key)) {
        throw new ConfigException(key, values.get(key), "unknown configuration key");
      }
    }
  }
}
