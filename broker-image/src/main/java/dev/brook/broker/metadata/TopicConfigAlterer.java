package dev.brook.broker.metadata;

import dev.brook.broker.metadata.MetadataRecord.SetTopicConfigs;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.AlterConfigOp.OpType;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.InvalidRequestException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.requests.ApiError;

/**
 * Decides the records for incremental topic config changes: SET, DELETE (back to the default),
 * APPEND and SUBTRACT (for list-valued keys such as {@code cleanup.policy}). The resulting override
 * set is validated as a whole before anything is committed.
 */
public final class TopicConfigAlterer {

  /** One requested change of one key. */
  public record Change(String key, OpType op, String value) {}

  private final TopicConfigValidator validator;

  public TopicConfigAlterer(TopicConfigValidator validator) {
    this.validator = validator;
  }

  public ControllerResult<Map<String, ApiError>> alter(
      MetadataImage image, Map<String, List<Change>> changesByTopic) {
    List<MetadataRecord> records = new ArrayList<>();
    Map<String, ApiError> results = new LinkedHashMap<>();
    changesByTopic.forEach(
        (topicName, changes) -> {
          try {
            TopicImage topic =
                image
                    .topic(topicName)
                    .orElseThrow(
                        () ->
                            new UnknownTopicOrPartitionException(
                                "Topic " + topicName + " does not exist."));
            Map<String, String> updated = applied(topic.configs(), changes);
            validator.validate(updated);
            records.add(new SetTopicConfigs(topic.id(), updated));
            results.put(topicName, ApiError.NONE);
          } catch (ApiException e) {
            results.put(topicName, ApiError.fromThrowable(e));
          }
        });
    return ControllerResult.of(records, results);
  }

  private static Map<String, String> applied(Map<String, String> current, List<Change> changes) {
    Map<String, String> updated = new HashMap<>(current);
    for (Change change : changes) {
      if (change.op() == null) {
        throw new InvalidRequestException("Unknown config operation for " + change.key());
      }
      switch (change.op()) {
        case SET -> updated.put(change.key(), requireValue(change));
        case DELETE -> updated.remove(change.key());
        case APPEND ->
            updated.put(
                change.key(),
                joined(listOf(updated.get(change.key())), listOf(requireValue(change)), true));
        case SUBTRACT ->
            updated.put(
                change.key(),
                joined(listOf(updated.get(change.key())), listOf(requireValue(change)), false));
        default -> throw new InvalidRequestException("Unknown config operation " + change.op());
      }
    }
    return updated;
  }

  private static String requireValue(Change change) {
    if (change.value() == null) {
      throw new InvalidConfigurationException(
          "Null value not supported for " + change.op() + " of " + change.key());
    }
    return change.value();
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
