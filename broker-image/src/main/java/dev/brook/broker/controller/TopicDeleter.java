package dev.brook.broker.controller;

import dev.brook.broker.metadata.image.MetadataImage;
import dev.brook.broker.metadata.image.TopicImage;
import dev.brook.broker.metadata.record.MetadataRecord;
import dev.brook.broker.metadata.record.MetadataRecord.RemoveTopic;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicDeletionDisabledException;
import org.apache.kafka.common.errors.UnknownTopicIdException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.requests.ApiError;

/** Decides the records that delete topics named by name or by id. */
public final class TopicDeleter {

  /** One topic to delete: by name, or by id when {@code name} is null. */
  public record Target(String name, Uuid id) {}

  /** Per target: the error (NONE on success) and the resolved name and id. */
  public record Outcome(ApiError error, String name, Uuid id) {}

  private final boolean deletionEnabled;

  public TopicDeleter(boolean deletionEnabled) {
    this.deletionEnabled = deletionEnabled;
  }

  public ControllerResult<Map<Target, Outcome>> delete(MetadataImage image, List<Target> targets) {
    List<MetadataRecord> records = new ArrayList<>();
    Map<Target, Outcome> outcomes = new LinkedHashMap<>();
    for (Target target : targets) {
      Optional<TopicImage> topic =
          target.name() != null ? image.topic(target.name()) : image.topic(target.id());
      if (!deletionEnabled) {
        outcomes.put(
            target,
            new Outcome(
                ApiError.fromThrowable(
                    new TopicDeletionDisabledException("delete.topic.enable is false")),
                target.name(),
                target.id()));
      } else if (topic.isEmpty()) {
        ApiError error =
            target.name() != null
                ? ApiError.fromThrowable(
                    new UnknownTopicOrPartitionException("Topic " + target.name() + " not found"))
                : ApiError.fromThrowable(
                    new UnknownTopicIdException("Topic id " + target.id() + " not found"));
        outcomes.put(target, new Outcome(error, target.name(), target.id()));
      } else {
        TopicImage found = topic.get();
        boolean alreadyRemoved =
            records.stream().anyMatch(r -> r.equals(new RemoveTopic(found.id())));
        if (!alreadyRemoved) {
          records.add(new RemoveTopic(found.id()));
        }
        outcomes.put(target, new Outcome(ApiError.NONE, found.name(), found.id()));
      }
    }
    return ControllerResult.of(records, outcomes);
  }
}
