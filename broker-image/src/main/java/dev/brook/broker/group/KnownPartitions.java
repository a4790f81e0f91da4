package dev.brook.broker.group;

import org.apache.kafka.common.TopicPartition;

/**
 * The partitions the cluster metadata holds, as this broker currently sees them. OffsetCommit
 * answers UNKNOWN_TOPIC_OR_PARTITION for any other partition and stores nothing for it, before
 * looking at the group at all, and OffsetDelete for any topic without a partition 0, as Kafka does.
 * Must be safe to call from any request thread.
 */
@FunctionalInterface
public interface KnownPartitions {
  boolean contains(TopicPartition tp);
}
