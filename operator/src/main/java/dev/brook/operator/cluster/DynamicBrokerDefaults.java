package dev.brook.operator.cluster;

import static dev.brook.operator.kafka.KafkaCalls.await;

import dev.brook.operator.kafka.ConfigDiff;
import dev.brook.operator.kafka.KafkaCallException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the cluster-wide dynamic broker configs (the BROKER resource with an empty name, {@code
 * kafka-configs --entity-default --entity-type brokers}) equal to the run-time keys of {@code
 * spec.config}: changed and new keys are set, keys the spec dropped are deleted. Running brokers
 * apply them at their next metadata update; nothing restarts.
 */
final class DynamicBrokerDefaults {

  private static final Logger LOG = LoggerFactory.getLogger(DynamicBrokerDefaults.class);
  static final ConfigResource CLUSTER_DEFAULT = new ConfigResource(ConfigResource.Type.BROKER, "");

  private DynamicBrokerDefaults() {}

  /**
   * @return the changes made, empty when the brokers had the spec's values already
   * @throws KafkaCallException when the brokers do not answer or refuse a value (its message names
   *     the key)
   */
  static List<AlterConfigOp> apply(Admin admin, Map<String, String> desired) {
    Config current =
        await(admin.describeConfigs(List.of(CLUSTER_DEFAULT)).all(), "describe broker defaults")
            .get(CLUSTER_DEFAULT);
    Map<String, String> dynamic = new TreeMap<>();
    current.entries().stream()
        .filter(e -> e.source() == ConfigEntry.ConfigSource.DYNAMIC_DEFAULT_BROKER_CONFIG)
        .forEach(e -> dynamic.put(e.name(), e.value()));
    List<AlterConfigOp> ops = ConfigDiff.between(dynamic, desired, Set.of());
    if (!ops.isEmpty()) {
      Map<ConfigResource, Collection<AlterConfigOp>> changes = Map.of(CLUSTER_DEFAULT, ops);
      await(admin.incrementalAlterConfigs(changes).all(), "set cluster-wide broker configs");
      LOG.info("applied cluster-wide dynamic broker configs: {}", ops);
    }
    return ops;
  }
}
