package dev.brook.operator.topic;

import dev.brook.operator.api.Topic;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Decides which Topic resource manages a Kafka topic when several name it: the oldest (by creation
 * time, then name), so that the answer is stable and the same from every replica of the operator.
 * The others report a conflict and never touch the topic, not even on deletion.
 */
final class TopicOwnership {

  private static final Comparator<Topic> OLDEST_FIRST =
      Comparator.comparing((Topic t) -> t.getMetadata().getCreationTimestamp())
          .thenComparing(t -> t.getMetadata().getName());

  private TopicOwnership() {}

  /**
   * The resource that owns {@code topic}'s Kafka topic on its cluster, when it is another one.
   *
   * @param sameNamespace every Topic resource of {@code topic}'s namespace
   */
  static Optional<Topic> otherOwner(Topic topic, Stream<Topic> sameNamespace) {
    return sameNamespace
        .filter(t -> t.getSpec().getCluster().equals(topic.getSpec().getCluster()))
        .filter(t -> t.topicName().equals(topic.topicName()))
        .min(OLDEST_FIRST)
        .filter(owner -> !owner.getMetadata().getUid().equals(topic.getMetadata().getUid()));
  }
}
