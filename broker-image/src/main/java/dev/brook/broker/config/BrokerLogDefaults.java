package dev.brook.broker.config;

import dev.brook.broker.log.LogConfig;
import dev.brook.broker.log.LogConfigSynonyms;
import dev.brook.broker.metadata.image.DynamicBrokerConfigs;
import dev.brook.broker.metadata.image.MetadataImage;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.requests.DescribeConfigsResponse.ConfigSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The topic defaults this broker applies: Kafka's topic defaults overridden by the {@code log.*}
 * settings of the broker, derived as Kafka derives them ({@code log.retention.hours} becomes {@code
 * retention.ms}, {@code message.max.bytes} becomes {@code max.message.bytes}, ...; see {@link
 * LogConfigSynonyms}).
 *
 * <p>The settings are the broker's properties with the dynamic ones of the current metadata image
 * over them, as Kafka merges them: the cluster-wide defaults, then this broker's own overrides
 * ({@link DynamicBrokerConfigs}). So a change committed to the metadata log reaches every topic
 * without its own override at the next metadata update, without a restart. Each value knows its
 * source, for DescribeConfigs.
 */
public final class BrokerLogDefaults {

  private static final Logger log = LoggerFactory.getLogger(BrokerLogDefaults.class);

  /**
   * The defaults for one pair of dynamic config sets, as the image holds them (all dynamic keys, so
   * that telling whether they changed copies nothing).
   */
  private record Resolved(
      Map<String, String> clusterConfigs,
      Map<String, String> brokerConfigs,
      LogConfig config,
      Map<String, ConfigSource> sources) {}

  private final Map<String, String> staticSettings;
  private final Resolved staticOnly;
  private final Supplier<MetadataImage> image;
  private final int brokerId;
  private volatile Resolved resolved;

  private BrokerLogDefaults(
      Map<String, String> staticSettings, Supplier<MetadataImage> image, int brokerId) {
    this.staticSettings = staticSettings;
    this.image = image;
    this.brokerId = brokerId;
    this.staticOnly = resolve(Map.of(), Map.of());
    this.resolved = staticOnly;
  }

  /**
   * @param image the current metadata image, whose dynamic broker configs apply
   * @throws ConfigException when a {@code log.*} property is invalid
   */
  public static BrokerLogDefaults from(BrokerConfig broker, Supplier<MetadataImage> image) {
    try {
      return new BrokerLogDefaults(Map.copyOf(broker.originalsStrings()), image, broker.nodeId());
    } catch (InvalidConfigurationException e) {
      throw new ConfigException("invalid log.* broker setting: " + e.getMessage());
    }
  }

  /** The defaults of a topic without overrides. */
  public LogConfig config() {
    return current().config();
  }

  /** The effective settings of a topic with these overrides. */
  public LogConfig forTopic(Map<String, String> overrides) {
    return config().withOverrides(overrides);
  }

  /**
   * Where the default of {@code topicKey} comes from: a dynamic override of this broker or of the
   * cluster, the broker's properties, or Kafka's default.
   */
  public ConfigSource source(String topicKey) {
    return current().sources().getOrDefault(topicKey, ConfigSource.DEFAULT_CONFIG);
  }

  /** Called for every hosted log at every metadata update: recomputes only on a change. */
  private Resolved current() {
    MetadataImage now = image.get();
    Map<String, String> clusterConfigs = now.brokerConfigs(MetadataImage.CLUSTER_DEFAULT);
    Map<String, String> brokerConfigs = now.brokerConfigs(brokerId);
    Resolved last = resolved;
    if (last.clusterConfigs().equals(clusterConfigs)
        && last.brokerConfigs().equals(brokerConfigs)) {
      return last;
    }
    try {
      last = resolve(clusterConfigs, brokerConfigs);
    } catch (InvalidConfigurationException e) {
      // The controller validated the overrides alone; with these properties they may still clash.
      log.warn(
          "dynamic log defaults {} / {} ignored: {}",
          clusterConfigs,
          brokerConfigs,
          e.getMessage());
      last = new Resolved(clusterConfigs, brokerConfigs, staticOnly.config(), staticOnly.sources());
    }
    resolved = last;
    return last;
  }

  private Resolved resolve(Map<String, String> clusterConfigs, Map<String, String> brokerConfigs) {
    Map<String, String> clusterScope = logKeys(clusterConfigs);
    Map<String, String> brokerScope = logKeys(brokerConfigs);
    Map<String, String> merged = new TreeMap<>(staticSettings);
    merged.putAll(clusterScope);
    merged.putAll(brokerScope);
    Map<String, String> topicKeys = LogConfigSynonyms.topicDefaults(merged);
    Map<String, String> fromBroker = LogConfigSynonyms.topicDefaults(brokerScope);
    Map<String, String> fromCluster = LogConfigSynonyms.topicDefaults(clusterScope);
    Map<String, ConfigSource> sources = new TreeMap<>();
    topicKeys.forEach(
        (key, value) -> {
          ConfigSource source;
          if (value.equals(fromBroker.get(key))) {
            source = ConfigSource.DYNAMIC_BROKER_CONFIG;
          } else if (value.equals(fromCluster.get(key))) {
            source = ConfigSource.DYNAMIC_DEFAULT_BROKER_CONFIG;
          } else {
            source = ConfigSource.STATIC_BROKER_CONFIG;
          }
          sources.put(key, source);
        });
    return new Resolved(
        clusterConfigs,
        brokerConfigs,
        LogConfig.defaults().withOverrides(topicKeys),
        Map.copyOf(sources));
  }

  private static Map<String, String> logKeys(Map<String, String> dynamic) {
    Map<String, String> keys = new TreeMap<>(dynamic);
    keys.keySet().removeIf(key -> !DynamicBrokerConfigs.isLogKey(key));
    return keys;
  }
}
