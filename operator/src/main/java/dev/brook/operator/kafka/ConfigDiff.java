package dev.brook.operator.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;

/**
 * The incremental config change that turns a resource's dynamic configuration into the spec's: SET
 * for each key whose value differs, DELETE for each dynamic key the spec no longer names (it then
 * reverts to what lies below: the broker default for a topic, the broker's properties for a
 * cluster-wide broker config). The spec owns the whole dynamic configuration but {@code notOwned},
 * keys something else sets and clears (the throttles of partition moves).
 */
public final class ConfigDiff {

  private ConfigDiff() {}

  /**
   * @param dynamic the resource's current dynamic overrides
   * @param desired what the spec says they must be
   * @param notOwned keys never deleted for being absent from {@code desired}
   */
  public static List<AlterConfigOp> between(
      Map<String, String> dynamic, Map<String, String> desired, Set<String> notOwned) {
    List<AlterConfigOp> ops = new ArrayList<>();
    desired.forEach(
        (key, value) -> {
          if (!Objects.equals(dynamic.get(key), value)) {
            ops.add(new AlterConfigOp(new ConfigEntry(key, value), AlterConfigOp.OpType.SET));
          }
        });
    dynamic.keySet().stream()
        .filter(key -> !desired.containsKey(key))
        .filter(key -> !notOwned.contains(key))
        .sorted()
        .forEach(
            key ->
                ops.add(new AlterConfigOp(new ConfigEntry(key, ""), AlterConfigOp.OpType.DELETE)));
    return ops;
  }
}
