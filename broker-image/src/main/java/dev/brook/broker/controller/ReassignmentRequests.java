package dev.brook.broker.controller;

import dev.brook.broker.metadata.image.MetadataImage;
import dev.brook.broker.metadata.image.PartitionRegistration;
import dev.brook.broker.metadata.image.TopicImage;
import dev.brook.broker.metadata.record.MetadataRecord;
import dev.brook.broker.metadata.record.MetadataRecord.SetPartition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.requests.ApiError;

/**
 * Decides the records of AlterPartitionReassignments: a target list starts (or replaces) a
 * partition's reassignment, an empty target cancels it. See {@link PartitionReassigner}.
 */
public final class ReassignmentRequests {

  private ReassignmentRequests() {}

  public static ControllerResult<Map<TopicPartition, ApiError>> alter(
      MetadataImage image, Map<TopicPartition, Optional<List<Integer>>> targets) {
    List<MetadataRecord> records = new ArrayList<>();
    Map<TopicPartition, ApiError> results = new LinkedHashMap<>();
    targets.forEach(
        (tp, target) -> {
          try {
            TopicImage topic =
                image
                    .topic(tp.topic())
                    .orElseThrow(
                        () -> new UnknownTopicOrPartitionException("Unknown topic " + tp.topic()));
            PartitionRegistration current = topic.partitions().get(tp.partition());
            if (current == null) {
              throw new UnknownTopicOrPartitionException("Unknown partition " + tp);
            }
            PartitionRegistration next =
                target.isPresent()
                    ? PartitionReassigner.start(current, target.get(), image.brokers()::containsKey)
                    : PartitionReassigner.cancel(current);
            records.add(new SetPartition(topic.id(), tp.partition(), next));
            results.put(tp, ApiError.NONE);
          } catch (ApiException e) {
            results.put(tp, ApiError.fromThrowable(e));
          }
        });
    return ControllerResult.of(records, results);
  }
}
