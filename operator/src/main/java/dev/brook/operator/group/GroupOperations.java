package dev.brook.operator.group;

import static dev.brook.operator.kafka.KafkaCalls.await;

import dev.brook.operator.kafka.KafkaCallException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.GroupNotEmptyException;

/** The Admin calls of the ConsumerGroup reconciler, each bounded by the Admin API timeout. */
final class GroupOperations {

  private final Admin admin;

  GroupOperations(Admin admin) {
    this.admin = admin;
  }

  /** The group, or empty when the coordinator does not know it. */
  Optional<ConsumerGroupDescription> describe(String groupId) {
    try {
      return Optional.of(
          await(
              admin.describeConsumerGroups(List.of(groupId)).describedGroups().get(groupId),
              "describe group " + groupId));
    } catch (KafkaCallException e) {
      if (e.getCause() instanceof GroupIdNotFoundException) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** Committed offsets of the group, per partition. */
  Map<TopicPartition, Long> committed(String groupId) {
    Map<TopicPartition, OffsetAndMetadata> offsets =
        await(
            admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata(),
            "fetch committed offsets of " + groupId);
    return offsets.entrySet().stream()
        .filter(e -> e.getValue() != null)
        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
  }

  /** The offsets {@code spec} resolves to for each partition (earliest, latest, by time). */
  Map<TopicPartition, Long> offsets(Collection<TopicPartition> partitions, OffsetSpec spec) {
    if (partitions.isEmpty()) {
      return Map.of();
    }
    Map<TopicPartition, OffsetSpec> request =
        partitions.stream().collect(Collectors.toMap(Function.identity(), p -> spec));
    Map<TopicPartition, ListOffsetsResultInfo> result =
        await(admin.listOffsets(request).all(), "list offsets");
    return result.entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
  }

  /** Every partition of the given topics. */
  Set<TopicPartition> partitionsOf(Collection<String> topics) {
    Map<String, TopicDescription> descriptions =
        await(admin.describeTopics(topics).allTopicNames(), "describe topics " + topics);
    return descriptions.values().stream()
        .flatMap(d -> d.partitions().stream().map(p -> new TopicPartition(d.name(), p.partition())))
        .collect(Collectors.toSet());
  }

  void commit(String groupId, Map<TopicPartition, Long> offsets) {
    Map<TopicPartition, OffsetAndMetadata> request =
        offsets.entrySet().stream()
            .collect(Collectors.toMap(Map.Entry::getKey, e -> new OffsetAndMetadata(e.getValue())));
    await(admin.alterConsumerGroupOffsets(groupId, request).all(), "reset offsets of " + groupId);
  }

  /** Deletes the group; one that is gone already counts as deleted. */
  void delete(String groupId) {
    try {
      await(admin.deleteConsumerGroups(List.of(groupId)).all(), "delete group " + groupId);
    } catch (KafkaCallException e) {
      if (!(e.getCause() instanceof GroupIdNotFoundException)) {
        throw e;
      }
    }
  }

  static boolean isNotEmpty(KafkaCallException e) {
    return e.getCause() instanceof GroupNotEmptyException;
  }
}
