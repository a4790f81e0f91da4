package dev.brook.operator.cluster;

import static dev.brook.operator.kafka.KafkaCalls.await;

import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;

/** Whether every partition of a cluster, internal topics included, has all replicas in sync. */
final class PartitionSync {

  private PartitionSync() {}

  /** The first partition whose ISR is smaller than its replica set, as "topic-partition". */
  static Optional<String> firstUnderReplicated(Admin admin) {
    Set<String> names =
        await(admin.listTopics(new ListTopicsOptions().listInternal(true)).names(), "list topics");
    if (names.isEmpty()) {
      return Optional.empty();
    }
    for (TopicDescription topic :
        await(admin.describeTopics(names).allTopicNames(), "describe topics").values()) {
      for (TopicPartitionInfo partition : topic.partitions()) {
        if (partition.isr().size() < partition.replicas().size()) {
          return Optional.of(topic.name() + "-" + partition.partition());
        }
      }
    }
    return Optional.empty();
  }
}
