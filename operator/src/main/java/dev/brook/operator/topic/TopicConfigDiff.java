package dev.brook.operator.topic;

import dev.brook.operator.reassign.ReplicationThrottles;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;

/**
 * The incremental config change that turns a topic's dynamic configuration into the spec's: SET for
 * each key whose value differs, DELETE for each dynamic key the spec no longer names (it then
 * reverts to the broker default). The spec owns the whole dynamic topic configuration but the
 * throttled-replica lists, which the Cluster's partition moves set and clear ({@link
 * ReplicationThrottles}).
 */
final class TopicConfigDiff {

  private TopicConfigDiff() {}

  /**
   * @param dynamic the topic's current per-topic overrides (source DYNAMIC_TOPIC_CONFIG)
   * @param desired {@code spec.config}
   */
  static List<AlterConfigOp> between(Map<String, String> dynamic, Map<String, String> desired) {
    List<AlterConfigOp> ops = new ArrayList<>();
    desired.forEach(
        (key, value) -> {
          if (!Objects.equals(dynamic.get(key), value)) {
            ops.add(new AlterConfigOp(new ConfigEntry(key, value), AlterConfigOp.OpType.SET));
          }
        });
    dynamic.keySet().stream()
        .filter(key -> !desired.containsKey(key))
        .filter(key -> !ReplicationThrottles.TOPIC_KEYS.contains(key))
        .sorted()
        .forEach(
            key ->
                ops.add(new AlterConfigOp(new ConfigEntry(key, ""), AlterConfigOp.OpType.DELETE)));
    return ops;
  }
}
