package dev.brook.broker.api;

import dev.brook.broker.group.GroupCoordinator;
import dev.brook.broker.metadata.MetadataListener;
import dev.brook.broker.metadata.image.MetadataImage;
import dev.brook.broker.metadata.image.PartitionRegistration;
import dev.brook.broker.metadata.image.TopicImage;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.internals.Topic;

/**
 * Makes the group coordinator follow leadership of {@code __consumer_offsets}: it coordinates the
 * groups of exactly the offsets partitions this broker leads, loading them when it becomes leader
 * (or the leader epoch changes) and dropping them when it stops.
 */
final class OffsetsTopicElections implements MetadataListener {

  private final int localBrokerId;
  private final GroupCoordinator coordinator;

  OffsetsTopicElections(int localBrokerId, GroupCoordinator coordinator) {
    this.localBrokerId = localBrokerId;
    this.coordinator = coordinator;
  }

  @Override
  public void onMetadataUpdate(MetadataImage previous, MetadataImage current) {
    Map<Integer, PartitionRegistration> before = partitions(previous);
    Map<Integer, PartitionRegistration> after = partitions(current);
    before.forEach(
        (index, was) -> {
          PartitionRegistration now = after.get(index);
          if (was.leader() == localBrokerId && (now == null || now.leader() != localBrokerId)) {
            coordinator.onResignation(index);
          }
        });
    after.forEach(
        (index, now) -> {
          PartitionRegistration was = before.get(index);
          boolean newlyLeading =
              now.leader() == localBrokerId
                  && (was == null
                      || was.leader() != localBrokerId
                      || was.leaderEpoch() != now.leaderEpoch());
          if (newlyLeading) {
            coordinator.onElection(index);
          }
        });
  }

  private static Map<Integer, PartitionRegistration> partitions(MetadataImage image) {
    Optional<TopicImage> topic = image.topic(Topic.GROUP_METADATA_TOPIC_NAME);
    return topic.map(TopicImage::partitions).orElse(Map.of());
  }
}
