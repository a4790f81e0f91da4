package dev.brook.broker.controller;

import dev.brook.broker.metadata.image.MetadataImage;
import dev.brook.broker.metadata.image.TopicImage;
import dev.brook.broker.metadata.record.MetadataRecord;
import dev.brook.broker.metadata.record.MetadataRecord.SetTopicConfigs;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.requests.ApiError;

/**
 * Decides the records for incremental topic config changes. The resulting override set is validated
 * as a whole before anything is committed; a change that leaves them as they are commits nothing.
 */
public final class TopicConfigAlterer {

  private final TopicConfigValidator validator;

  public TopicConfigAlterer(TopicConfigValidator validator) {
    this.validator = validator;
  }

  public ControllerResult<Map<String, ApiError>> alter(
      MetadataImage image, Map<String, List<ConfigChange>> changesByTopic) {
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
            Map<String, String> updated = ConfigChange.applyAll(topic.configs(), changes);
            validator.validate(updated);
            if (!updated.equals(topic.configs())) {
              records.add(new SetTopicConfigs(topic.id(), updated));
            }
            results.put(topicName, ApiError.NONE);
          } catch (ApiException e) {
            results.put(topicName, ApiError.fromThrowable(e));
          }
        });
    return ControllerResult.of(records, results);
  }
}
