package dev.brook.broker.group;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.message.OffsetFetchRequestData;
import org.apache.kafka.common.message.OffsetFetchRequestData.OffsetFetchRequestGroup;
import org.apache.kafka.common.message.OffsetFetchRequestData.OffsetFetchRequestTopic;
import org.apache.kafka.common.message.OffsetFetchRequestData.OffsetFetchRequestTopics;
import org.apache.kafka.common.message.OffsetFetchResponseData;
import org.apache.kafka.common.message.OffsetFetchResponseData.OffsetFetchResponseGroup;
import org.apache.kafka.common.message.OffsetFetchResponseData.OffsetFetchResponsePartitions;
import org.apache.kafka.common.message.OffsetFetchResponseData.OffsetFetchResponseTopics;
import org.apache.kafka.common.protocol.Errors;

/**
 * OffsetFetch v1-9. Requests below v8 name one group at the top level, v8+ a batch of groups; both
 * are answered through the batched form and reshaped by {@link OffsetFetchResponses}. A partition
 * without a committed offset answers offset -1 and no error, as in Kafka. {@code requireStable}
 * needs no waiting: Brook has no transactional offset commits yet.
 */
final class OffsetFetchHandler {
  private final GroupRegistry registry;

  OffsetFetchHandler(GroupRegistry registry) {
    this.registry = registry;
  }

  CompletableFuture<OffsetFetchResponseData> handle(
      RequestContext context, OffsetFetchRequestData request) {
    short version = context.apiVersion();
    if (version >= 8) {
      List<OffsetFetchResponseGroup> groups = new ArrayList<>();
      for (OffsetFetchRequestGroup group : request.groups()) {
        groups.add(fetch(group.groupId(), requested(group.topics())));
      }
      return CompletableFuture.completedFuture(new OffsetFetchResponseData().setGroups(groups));
    }
    Map<String, List<Integer>> requested = requestedLegacy(request.topics());
    OffsetFetchResponseGroup single = fetch(request.groupId(), requested);
    return CompletableFuture.completedFuture(
        OffsetFetchResponses.legacy(version, single, requested));
  }

  /** The offsets of one group; {@code requested} null means every committed partition. */
  OffsetFetchResponseGroup fetch(String groupId, Map<String, List<Integer>> requested) {
    OffsetFetchResponseGroup response = new OffsetFetchResponseGroup().setGroupId(groupId);
    Errors ownership = registry.ownership(groupId);
    if (ownership != Errors.NONE) {
      return response.setErrorCode(ownership.code());
    }
    Map<TopicPartition, CommittedOffset> snapshot = new LinkedHashMap<>();
    ClassicGroup group = registry.get(groupId);
    if (group != null) {
      synchronized (group) {
        if (!group.isInState(GroupState.DEAD)) {
          snapshot.putAll(group.offsets());
        }
      }
    }
    Map<String, OffsetFetchResponseTopics> topics = new LinkedHashMap<>();
    if (requested == null) {
      snapshot.forEach((tp, offset) -> add(topics, tp.topic(), tp.partition(), offset));
    } else {
      requested.forEach(
          (topic, partitions) -> {
            topics.computeIfAbsent(topic, name -> new OffsetFetchResponseTopics().setName(name));
            for (int partition : partitions) {
              add(topics, topic, partition, snapshot.get(new TopicPartition(topic, partition)));
            }
          });
    }
    return response.setTopics(new ArrayList<>(topics.values()));
  }

  private static void add(
      Map<String, OffsetFetchResponseTopics> topics,
      String topic,
      int partition,
      CommittedOffset offset) {
    OffsetFetchResponsePartitions result =
        new OffsetFetchResponsePartitions()
            .setPartitionIndex(partition)
            .setCommittedOffset(offset == null ? -1L : offset.offset())
            .setCommittedLeaderEpoch(
                offset == null ? CommittedOffset.NO_LEADER_EPOCH : offset.leaderEpoch())
            .setMetadata(offset == null ? "" : offset.metadata())
            .setErrorCode(Errors.NONE.code());
    topics
        .computeIfAbsent(topic, name -> new OffsetFetchResponseTopics().setName(name))
        .partitions()
        .add(result);
  }

  private static Map<String, List<Integer>> requested(List<OffsetFetchRequestTopics> topics) {
    if (topics == null) {
      return null;
    }
    Map<String, List<Integer>> result = new LinkedHashMap<>();
    topics.forEach(t -> result.put(t.name(), t.partitionIndexes()));
    return result;
  }

  private static Map<String, List<Integer>> requestedLegacy(List<OffsetFetchRequestTopic> topics) {
    if (topics == null) {
      return null;
    }
    Map<String, List<Integer>> result = new LinkedHashMap<>();
    topics.forEach(t -> result.put(t.name(), t.partitionIndexes()));
    return result;
  }
}
