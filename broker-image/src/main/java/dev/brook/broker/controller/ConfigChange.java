package dev.brook.broker.controller;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.AlterConfigOp.OpType;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.InvalidRequestException;

/**
 * One requested change of one config key, as IncrementalAlterConfigs carries it: SET, DELETE (back
 * to the default), APPEND and SUBTRACT (for list-valued keys such as {@code cleanup.policy}).
 */
public record ConfigChange(String key, OpType op, String value) {

  /** {@code current} overrides with {@code changes} applied in order. */
  public static Map<String, String> applyAll(
      Map<String, String> current, List<ConfigChange> changes) {
    Map<String, String> updated = new HashMap<>(current);
    for (ConfigChange change : changes) {
      if (change.op() == null) {
        throw new InvalidRequestException("Unknown config operation for " + change.key());
      }
      switch (change.op()) {
        case SET -> updated.put(change.key(), change.requireValue());
        case DELETE -> updated.remove(change.key());
        case APPEND ->
            updated.put(
                change.key(),
                joined(listOf(updated.get(change.key())), listOf(change.requireValue()), true));
        case SUBTRACT ->
            updated.put(
                change.key(),
                joined(listOf(updated.get(change.key())), listOf(change.requireValue()), false));
        default -> throw new InvalidRequestException("Unknown config operation " + change.op());
      }
    }
    return updated;
  }

  private String requireValue() {
    if (value == null) {
      throw new InvalidConfigurationException("Null value not supported for " + op + " of " + key);
    }
    return value;
  }

  private static List<String> listOf(String value) {
    if (value == null || value.isBlank()) {
      return List.of();
    }
    return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  private static String joined(List<String> current, List<String> delta, boolean add) {
    List<String> result = new ArrayList<>(current);
    if (add) {
      delta.stream().filter(v -> !result.contains(v)).forEach(result::add);
    } else {
      result.removeAll(delta);
    }
    return result.stream().collect(Collectors.joining(","));
  }
}
