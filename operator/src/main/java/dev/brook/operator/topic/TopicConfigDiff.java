package dev.brook.operator.topic;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;

/**
 * The incremental config change that turns a topic's dynamic configuration into the spec's: SET for
 * each key whose value differs, DELETE for each dynamic key the spec no longer names (it then
 * reverts to the broker default). The spec owns the whole dynamic topic configuration.
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
        .sorted()
        .forEach(
            key ->
                ops.add(new AlterConfigOp(new ConfigEntry(key, ""), AlterConfigOp.OpType.DELETE)));
    return ops;
  }
}
