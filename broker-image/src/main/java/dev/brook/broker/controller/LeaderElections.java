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
import org.apache.kafka.common.ElectionType;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ElectionNotNeededException;
import org.apache.kafka.common.errors.EligibleLeadersNotAvailableException;
import org.apache.kafka.common.errors.PreferredLeaderNotAvailableException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.requests.ApiError;

/**
 * Decides the records of ElectLeaders. Preferred: the first replica becomes leader when it is alive
 * and in sync. Unclean: a partition without a leader takes any live replica, even one out of sync
 * (data after its log end is lost), and the ISR restarts from it.
 */
public final class LeaderElections {

  private LeaderElections() {}

  /** {@code partitions} null means every partition of every topic (preferred elections only). */
  public static ControllerResult<Map<TopicPartition, ApiError>> elect(
      MetadataImage image, ElectionType type, List<TopicPartition> partitions) {
    List<MetadataRecord> records = new ArrayList<>();
    Map<TopicPartition, ApiError> results = new LinkedHashMap<>();
    for (TopicPartition tp : partitions == null ? allPartitions(image) : partitions) {
      Optional<TopicImage> topic = image.topic(tp.topic());
      PartitionRegistration current =
          topic.map(t -> t.partitions().get(tp.partition())).orElse(null);
      if (current == null) {
        results.put(
            tp,
            ApiError.fromThrowable(
                new UnknownTopicOrPartitionException("Unknown partition " + tp)));
        continue;
      }
      try {
        PartitionRegistration next =
            type == ElectionType.PREFERRED ? preferred(image, current) : unclean(image, current);
        records.add(new SetPartition(topic.get().id(), tp.partition(), next));
        results.put(tp, ApiError.NONE);
      } catch (ElectionNotNeededException e) {
        if (partitions != null) {
          results.put(tp, ApiError.fromThrowable(e));
        }
      } catch (RuntimeException e) {
        results.put(tp, ApiError.fromThrowable(e));
      }
    }
    return ControllerResult.of(records, results);
  }

  private static PartitionRegistration preferred(
      MetadataImage image, PartitionRegistration current) {
    int preferred = current.preferredLeader();
    if (current.leader() == preferred) {
      throw new ElectionNotNeededException("Leader is already the preferred replica.");
    }
    if (!PartitionLeaderElector.isLive(image, preferred) || !current.isr().contains(preferred)) {
      throw new PreferredLeaderNotAvailableException(
          "The preferred replica " + preferred + " is not alive or not in sync.");
    }
    return current.withLeader(preferred, current.isr());
  }

  private static PartitionRegistration unclean(MetadataImage image, PartitionRegistration current) {
    if (current.hasLeader() && PartitionLeaderElector.isLive(image, current.leader())) {
      throw new ElectionNotNeededException("The partition has a live leader.");
    }
    int chosen =
        current.replicas().stream()
            .filter(r -> PartitionLeaderElector.isLive(image, r))
            .findFirst()
            .orElseThrow(
                () -> new EligibleLeadersNotAvailableException("No live replica to elect."));
    List<Integer> isr = current.isr().contains(chosen) ? current.isr() : List.of(chosen);
    return current.withLeader(chosen, isr);
  }

  private static List<TopicPartition> allPartitions(MetadataImage image) {
    List<TopicPartition> all = new ArrayList<>();
    image
        .topicsByName()
        .values()
        .forEach(
            t -> t.partitions().keySet().forEach(p -> all.add(new TopicPartition(t.name(), p))));
    return all;
  }
}
