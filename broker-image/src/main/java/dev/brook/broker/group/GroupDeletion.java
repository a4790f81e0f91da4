package dev.brook.broker.group;

import dev.brook.broker.group.GroupRecord.OffsetCommit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.message.DeleteGroupsRequestData;
import org.apache.kafka.common.message.DeleteGroupsResponseData;
import org.apache.kafka.common.message.DeleteGroupsResponseData.DeletableGroupResult;
import org.apache.kafka.common.message.DeleteGroupsResponseData.DeletableGroupResultCollection;
import org.apache.kafka.common.message.OffsetDeleteRequestData;
import org.apache.kafka.common.message.OffsetDeleteRequestData.OffsetDeleteRequestPartition;
import org.apache.kafka.common.message.OffsetDeleteRequestData.OffsetDeleteRequestTopic;
import org.apache.kafka.common.message.OffsetDeleteResponseData;
import org.apache.kafka.common.message.OffsetDeleteResponseData.OffsetDeleteResponsePartition;
import org.apache.kafka.common.message.OffsetDeleteResponseData.OffsetDeleteResponseTopic;
import org.apache.kafka.common.message.OffsetDeleteResponseData.OffsetDeleteResponseTopicCollection;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.utils.Time;

/**
 * DeleteGroups v0-2 (Empty groups only) and OffsetDelete v0 (not for topics a live consumer group
 * subscribes to). Deletions are written as tombstones before they are acknowledged.
 */
final class GroupDeletion {
  private final Time time;
  private final GroupRegistry registry;
  private final Rebalancer rebalancer;
  private final GroupWriter writer;
  private final KnownPartitions knownPartitions;

  GroupDeletion(
      Time time,
      GroupRegistry registry,
      Rebalancer rebalancer,
      GroupWriter writer,
      KnownPartitions knownPartitions) {
    this.time = time;
    this.registry = registry;
    this.rebalancer = rebalancer;
    this.writer = writer;
    this.knownPartitions = knownPartitions;
  }

  CompletableFuture<DeleteGroupsResponseData> deleteGroups(
      RequestContext context, DeleteGroupsRequestData request) {
    List<CompletableFuture<DeletableGroupResult>> results = new ArrayList<>();
    // The response is keyed by group id: a group named twice is deleted and answered once.
    for (String groupId : new LinkedHashSet<>(request.groupsNames())) {
      results.add(
          deleteGroup(groupId)
              .thenApply(
                  e -> new DeletableGroupResult().setGroupId(groupId).setErrorCode(e.code())));
    }
    return CompletableFuture.allOf(results.toArray(CompletableFuture[]::new))
        .thenApply(
            ignored -> {
              DeletableGroupResultCollection collection = new DeletableGroupResultCollection();
              results.forEach(r -> collection.mustAdd(r.join()));
              return new DeleteGroupsResponseData().setResults(collection);
            });
  }

  /**
   * Removes the group from memory at once, so nobody joins it meanwhile, then writes its
   * tombstones; if that write fails the group is put back as it was.
   */
  CompletableFuture<Errors> deleteGroup(String groupId) {
    Errors ownership = registry.ownership(groupId);
    if (ownership != Errors.NONE) {
      return CompletableFuture.completedFuture(ownership);
    }
    ClassicGroup group = registry.get(groupId);
    if (group == null) {
      return CompletableFuture.completedFuture(Errors.GROUP_ID_NOT_FOUND);
    }
    synchronized (group) {
      if (group.isInState(GroupState.DEAD)) {
        return CompletableFuture.completedFuture(Errors.GROUP_ID_NOT_FOUND);
      }
      if (!group.isInState(GroupState.EMPTY)) {
        return CompletableFuture.completedFuture(Errors.NON_EMPTY_GROUP);
      }
      List<GroupRecord> tombstones = tombstones(group);
      long emptySinceMs = group.currentStateTimestampMs();
      markDead(group);
      registry.beginDeletion(group);
      return writer
          .append(group.partition(), tombstones)
          .thenApply(
              error -> {
                if (error != Errors.NONE) {
                  revive(group, emptySinceMs);
                }
                registry.endDeletion(group);
                return error;
              });
    }
  }

  /**
   * Tombstones for every offset of the group, including commits still being written (their records
   * precede these tombstones in the log), and for its membership record.
   */
  static List<GroupRecord> tombstones(ClassicGroup group) {
    List<GroupRecord> records = new ArrayList<>();
    group
        .offsetKeysIncludingPending()
        .forEach(tp -> records.add(new OffsetCommit(group.groupId(), tp, null)));
    records.add(GroupWriter.tombstone(group));
    return records;
  }

  void markDead(ClassicGroup group) {
    group.transitionTo(GroupState.DEAD, time.milliseconds());
    rebalancer.cancelAllTimers(group);
    registry.remove(group);
  }

  private void revive(ClassicGroup group, long emptySinceMs) {
    synchronized (group) {
      group.restore(
          GroupState.EMPTY,
          group.generationId(),
          group.protocolType(),
          group.protocolName(),
          group.leaderId(),
          emptySinceMs);
      registry.putLoaded(group);
    }
  }

  CompletableFuture<OffsetDeleteResponseData> deleteOffsets(
      RequestContext context, OffsetDeleteRequestData request) {
    Errors ownership = registry.ownership(request.groupId());
    if (ownership != Errors.NONE) {
      return CompletableFuture.completedFuture(topLevel(ownership));
    }
    ClassicGroup group = registry.get(request.groupId());
    if (group == null) {
      return CompletableFuture.completedFuture(topLevel(Errors.GROUP_ID_NOT_FOUND));
    }
    synchronized (group) {
      Errors error = validateOffsetDelete(group);
      if (error != Errors.NONE) {
        return CompletableFuture.completedFuture(topLevel(error));
      }
      OffsetDeleteResponseTopicCollection topics = new OffsetDeleteResponseTopicCollection();
      Set<TopicPartition> deleted = new LinkedHashSet<>();
      for (OffsetDeleteRequestTopic topic : request.topics()) {
        // As Kafka: a topic the metadata does not hold (every topic has a partition 0) keeps its
        // offsets and answers UNKNOWN_TOPIC_OR_PARTITION; group-level errors still come first.
        boolean known = knownPartitions.contains(new TopicPartition(topic.name(), 0));
        boolean subscribed = GroupSubscriptions.isSubscribed(group, topic.name());
        Errors partitionError =
            !known
                ? Errors.UNKNOWN_TOPIC_OR_PARTITION
                : subscribed ? Errors.GROUP_SUBSCRIBED_TO_TOPIC : Errors.NONE;
        OffsetDeleteResponseTopic result = topics.find(topic.name());
        if (result == null) {
          result = new OffsetDeleteResponseTopic().setName(topic.name());
          topics.add(result);
        }
        for (OffsetDeleteRequestPartition partition : topic.partitions()) {
          TopicPartition tp = new TopicPartition(topic.name(), partition.partitionIndex());
          if (partitionError == Errors.NONE && group.offsets().containsKey(tp)) {
            deleted.add(tp);
          }
          // Duplicates in the request get one answer: the response is keyed by partition.
          if (result.partitions().find(tp.partition()) == null) {
            result
                .partitions()
                .add(
                    new OffsetDeleteResponsePartition()
                        .setPartitionIndex(tp.partition())
                        .setErrorCode(partitionError.code()));
          }
        }
      }
      List<GroupRecord> tombstones = new ArrayList<>();
      deleted.forEach(tp -> tombstones.add(new OffsetCommit(group.groupId(), tp, null)));
      return writer
          .append(group.partition(), tombstones)
          .thenApply(
              writeError -> {
                if (writeError != Errors.NONE) {
                  return topLevel(writeError);
                }
                synchronized (group) {
                  deleted.forEach(tp -> group.offsets().remove(tp));
                }
                return new OffsetDeleteResponseData().setTopics(topics);
              });
    }
  }

  /** Kafka's rule: a live group that is not a consumer group cannot lose offsets. */
  private static Errors validateOffsetDelete(ClassicGroup group) {
    return switch (group.state()) {
      case DEAD -> Errors.GROUP_ID_NOT_FOUND;
      case STABLE, PREPARING_REBALANCE, COMPLETING_REBALANCE ->
          ClassicGroup.CONSUMER_PROTOCOL_TYPE.equals(group.protocolType())
              ? Errors.NONE
              : Errors.NON_EMPTY_GROUP;
      case EMPTY -> Errors.NONE;
    };
  }

  private static OffsetDeleteResponseData topLevel(Errors error) {
    return new OffsetDeleteResponseData().setErrorCode(error.code());
  }
}
