package dev.brook.broker.metadata.image;

import dev.brook.broker.log.LogConfig;
import dev.brook.broker.log.LogConfigSynonyms;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.InvalidRequestException;

/**
 * The broker configs that change at run time, per broker, through IncrementalAlterConfigs on a
 * BROKER resource, and are kept in the metadata log. Every other broker config is static (set in
 * the broker's properties at start-up).
 *
 * <p>{@code cordoned.log.dirs} (KIP-1066): a broker whose log directories are all cordoned gets no
 * new partition, neither from topic creation nor from partition growth, while it keeps serving the
 * ones it has. A Brook broker has one log directory, so the value is {@code *} (cordoned) or empty.
 *
 * <p>{@code leader.replication.throttled.rate} and {@code follower.replication.throttled.rate}: the
 * bytes per second this broker sends to, or fetches for, the replicas its topics mark as throttled
 * ({@code *.replication.throttled.replicas}) while they are out of the ISR; unlimited when unset.
 *
 * <p>The {@code log.*} topic defaults ({@link LogConfigSynonyms#dynamicBrokerKeys}: retention,
 * segments, {@code message.max.bytes}, {@code min.insync.replicas}, ...): what topics without their
 * own override use, applied to every log as soon as the change is committed.
 *
 * <p>Each key may also be set cluster-wide (the BROKER resource with an empty name, kept under
 * {@link MetadataImage#CLUSTER_DEFAULT}); a broker's own override wins. {@code cordoned.log.dirs}
 * is per broker only: cordoning every broker at once would leave new partitions nowhere to go.
 */
public final class DynamicBrokerConfigs {

  public static final String CORDONED_LOG_DIRS = "cordoned.log.dirs";
  public static final String LEADER_REPLICATION_THROTTLED_RATE =
      "leader.replication.throttled.rate";
  public static final String FOLLOWER_REPLICATION_THROTTLED_RATE =
      "follower.replication.throttled.rate";

  private static final Set<String> LOG_KEYS = LogConfigSynonyms.dynamicBrokerKeys();

  private static final Set<String> KEYS = keys(LOG_KEYS);

  private DynamicBrokerConfigs() {}

  private static Set<String> keys(Set<String> logKeys) {
    Set<String> keys = new TreeSet<>(logKeys);
    keys.addAll(
        List.of(
            CORDONED_LOG_DIRS,
            LEADER_REPLICATION_THROTTLED_RATE,
            FOLLOWER_REPLICATION_THROTTLED_RATE));
    return Collections.unmodifiableSet(keys);
  }

  public static Set<String> keys() {
    return KEYS;
  }

  /** Whether {@code key} is a topic default ({@code log.*}, ...), also a static broker config. */
  public static boolean isLogKey(String key) {
    return LOG_KEYS.contains(key);
  }

  /**
   * The value a broker-only key (cordoning, throttle rates) has when no override is set, as
   * DescribeConfigs shows it.
   */
  public static String defaultValue(String key) {
    return key.equals(CORDONED_LOG_DIRS) ? "" : Long.toString(Long.MAX_VALUE);
  }

  public static boolean isCordoned(Map<String, String> configs) {
    return "*".equals(configs.getOrDefault(CORDONED_LOG_DIRS, "").trim());
  }

  /**
   * Refuses a set of overrides with a key that is not dynamic or a value that is invalid.
   *
   * @param clusterDefault whether these are the cluster-wide defaults rather than one broker's
   */
  public static void validate(Map<String, String> configs, boolean clusterDefault) {
    if (clusterDefault && configs.containsKey(CORDONED_LOG_DIRS)) {
      throw new InvalidRequestException(
          CORDONED_LOG_DIRS + " is set per broker only; name the broker to cordon");
    }
    configs.forEach(
        (key, value) -> {
          if (!KEYS.contains(key)) {
            // INVALID_REQUEST, as Kafka answers for a config that cannot be updated dynamically.
            throw new InvalidRequestException(
                key
                    + " cannot be changed at run time in Brook (the dynamic broker configs are "
                    + KEYS
                    + "); set it in the broker's properties");
          }
        });
    for (String rateKey :
        new String[] {LEADER_REPLICATION_THROTTLED_RATE, FOLLOWER_REPLICATION_THROTTLED_RATE}) {
      String rate = configs.get(rateKey);
      if (rate != null && !isNonNegativeLong(rate)) {
        throw new InvalidConfigurationException(
            "Invalid value "
                + rate
                + " for "
                + rateKey
                + ": expected bytes per second, at least 0");
      }
    }
    Map<String, String> logKeys = new TreeMap<>(configs);
    logKeys.keySet().retainAll(LOG_KEYS);
    // Throws InvalidConfigurationException naming the key whose value is wrong.
    LogConfig.defaults().withOverrides(LogConfigSynonyms.topicDefaults(logKeys));
    String cordoned = configs.getOrDefault(CORDONED_LOG_DIRS, "").trim();
    if (!cordoned.isEmpty() && !cordoned.equals("*")) {
      throw new InvalidConfigurationException(
          "Invalid value "
              + cordoned
              + " for "
              + CORDONED_LOG_DIRS
              + ": a Brook broker has one log directory; '*' cordons it, '' uncordons it");
    }
  }

  private static boolean isNonNegativeLong(String value) {
    try {
      return Long.parseLong(value.trim()) >= 0;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
