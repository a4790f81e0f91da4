package dev.brook.broker.group;

import dev.brook.broker.group.GroupRecord.OffsetCommit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.message.OffsetCommitRequestData;
import org.apache.kafka.common.message.OffsetCommitRequestData.OffsetCommitRequestPartition;
import org.apache.kafka.common.message.OffsetCommitRequestData.OffsetCommitRequestTopic;
import org.apache.kafka.common.message.OffsetCommitResponseData;
import org.apache.kafka.common.message.OffsetCommitResponseData.OffsetCommitResponsePartition;
import org.apache.kafka.common.message.OffsetCommitResponseData.OffsetCommitResponseTopic;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.utils.Time;

/**
 * OffsetCommit v2-9 for classic groups and for "simple" groups (generation -1, no member: the Admin
 * client or consumers with manual assignment). Offsets become visible once their records are
 * durable in the group's offsets-topic partition.
 */
final class OffsetCommitHandler {
  private final GroupCoordinatorConfig config;
  private final Time time;
  private final GroupRegistry registry;
  private final Rebalancer rebalancer;
  private final GroupWriter writer;
  private final KnownPartitions knownPartitions;

  OffsetCommitHandler(
      GroupCoordinatorConfig config,
      Time time,
      GroupRegistry registry,
      Rebalancer rebalancer,
      GroupWriter writer,
      KnownPartitions knownPartitions) {
    this.config = config;
    this.time = time;
    this.registry = registry;
    this.rebalancer = rebalancer;
    this.writer = writer;
    this.knownPartitions = knownPartitions;
  }

  /**
   * Partitions the metadata does not hold get UNKNOWN_TOPIC_OR_PARTITION before the group is looked
   * at (Kafka checks them in KafkaApis, ahead of the coordinator); the rest are committed as one
   * request, and a request naming no known partition neither creates nor touches the group.
   */
  CompletableFuture<OffsetCommitResponseData> handle(
      RequestContext context, OffsetCommitRequestData request) {
    Map<TopicPartition, Errors> unknown = new LinkedHashMap<>();
    OffsetCommitRequestData known = request.duplicate();
    for (OffsetCommitRequestTopic topic : known.topics()) {
      topic
          .partitions()
          .removeIf(
              partition -> {
                TopicPartition tp = new TopicPartition(topic.name(), partition.partitionIndex());
                boolean missing = !knownPartitions.contains(tp);
                if (missing) {
                  unknown.put(tp, Errors.UNKNOWN_TOPIC_OR_PARTITION);
                }
                return missing;
              });
    }
    known.topics().removeIf(topic -> topic.partitions().isEmpty());
    if (unknown.isEmpty()) {
      return handleKnown(context, request);
    }
    if (known.topics().isEmpty()) {
      return done(response(unknown));
    }
    return handleKnown(context, known).thenApply(response -> withErrors(response, unknown));
  }

  private CompletableFuture<OffsetCommitResponseData> handleKnown(
      RequestContext context, OffsetCommitRequestData request) {
    Errors ownership = registry.ownership(request.groupId());
    if (ownership != Errors.NONE) {
      return done(uniformResponse(request, ownership));
    }
    ClassicGroup group = registry.get(request.groupId());
    if (group == null) {
      if (request.generationIdOrMemberEpoch() >= 0) {
        Errors missing =
            context.apiVersion() >= 9 ? Errors.GROUP_ID_NOT_FOUND : Errors.ILLEGAL_GENERATION;
        return done(uniformResponse(request, missing));
      }
      group = registry.getOrCreate(request.groupId(), time.milliseconds());
    }
    synchronized (group) {
      Errors error = validate(group, request);
      if (error != Errors.NONE) {
        return done(uniformResponse(request, error));
      }
      ClassicMember member = group.member(request.memberId());
      if (member != null) {
        rebalancer.scheduleHeartbeat(group, member, member.sessionTimeoutMs());
      }
      return commit(context, group, request);
    }
  }

  /** Kafka's classic-group commit rules (ClassicGroup.validateOffsetCommit in 4.x). */
  private static Errors validate(ClassicGroup group, OffsetCommitRequestData request) {
    if (group.isInState(GroupState.DEAD)) {
      return Errors.COORDINATOR_NOT_AVAILABLE;
    }
    int generation = request.generationIdOrMemberEpoch();
    if (generation < 0 && group.isInState(GroupState.EMPTY)) {
      return Errors.NONE;
    }
    String memberId = request.memberId() == null ? "" : request.memberId();
    if (generation >= 0 || !memberId.isEmpty() || request.groupInstanceId() != null) {
      Errors identity = group.validateMember(memberId, request.groupInstanceId());
      if (identity != Errors.NONE) {
        return identity;
      }
      if (generation != group.generationId()) {
        return Errors.ILLEGAL_GENERATION;
      }
    } else if (!group.isInState(GroupState.EMPTY)) {
      return Errors.UNKNOWN_MEMBER_ID;
    }
    // A member that has its join response but not yet its assignment must not commit.
    return group.isInState(GroupState.COMPLETING_REBALANCE)
        ? Errors.REBALANCE_IN_PROGRESS
        : Errors.NONE;
  }

  private CompletableFuture<OffsetCommitResponseData> commit(
      RequestContext context, ClassicGroup group, OffsetCommitRequestData request) {
    long nowMs = time.milliseconds();
    long expireTimestampMs = CommittedOffset.NO_EXPIRE_TIMESTAMP;
    if (context.apiVersion() <= 4 && request.retentionTimeMs() >= 0) {
      expireTimestampMs = nowMs + request.retentionTimeMs();
    }
    Map<TopicPartition, CommittedOffset> accepted = new LinkedHashMap<>();
    Map<TopicPartition, Errors> results = new LinkedHashMap<>();
    for (OffsetCommitRequestTopic topic : request.topics()) {
      for (OffsetCommitRequestPartition partition : topic.partitions()) {
        TopicPartition tp = new TopicPartition(topic.name(), partition.partitionIndex());
        String metadata = partition.committedMetadata();
        if (metadata != null && metadata.length() > config.offsetMetadataMaxBytes()) {
          results.put(tp, Errors.OFFSET_METADATA_TOO_LARGE);
          continue;
        }
        accepted.put(
            tp,
            new CommittedOffset(
                partition.committedOffset(),
                partition.committedLeaderEpoch(),
                metadata,
                nowMs,
                expireTimestampMs));
        results.put(tp, Errors.NONE);
      }
    }
    List<GroupRecord> records = new ArrayList<>(accepted.size());
    accepted.forEach((tp, offset) -> records.add(new OffsetCommit(group.groupId(), tp, offset)));
    group.addPendingCommits(accepted.keySet());
    return writer
        .append(group.partition(), records)
        .thenApply(
            error -> {
              synchronized (group) {
                group.removePendingCommits(accepted.keySet());
                if (error == Errors.NONE && !group.isInState(GroupState.DEAD)) {
                  group.offsets().putAll(accepted);
                }
              }
              accepted.keySet().forEach(tp -> results.put(tp, error));
              return response(results);
            });
  }

  private static OffsetCommitResponseData uniformResponse(
      OffsetCommitRequestData request, Errors error) {
    Map<TopicPartition, Errors> results = new LinkedHashMap<>();
    for (OffsetCommitRequestTopic topic : request.topics()) {
      for (OffsetCommitRequestPartition partition : topic.partitions()) {
        results.put(new TopicPartition(topic.name(), partition.partitionIndex()), error);
      }
    }
    return response(results);
  }

  private static OffsetCommitResponseData response(Map<TopicPartition, Errors> results) {
    Map<String, OffsetCommitResponseTopic> topics = new LinkedHashMap<>();
    results.forEach(
        (tp, error) ->
            topics
                .computeIfAbsent(tp.topic(), name -> new OffsetCommitResponseTopic().setName(name))
                .partitions()
                .add(
                    new OffsetCommitResponsePartition()
                        .setPartitionIndex(tp.partition())
                        .setErrorCode(error.code())));
    return new OffsetCommitResponseData().setTopics(new ArrayList<>(topics.values()));
  }

  /** {@code response} with {@code errors}' partitions added under their topics. */
  private static OffsetCommitResponseData withErrors(
      OffsetCommitResponseData response, Map<TopicPartition, Errors> errors) {
    Map<String, OffsetCommitResponseTopic> topics = new LinkedHashMap<>();
    response.topics().forEach(topic -> topics.put(topic.name(), topic));
    response(errors)
        .topics()
        .forEach(
            topic -> {
              OffsetCommitResponseTopic existing = topics.putIfAbsent(topic.name(), topic);
              if (existing != null) {
                existing.partitions().addAll(topic.partitions());
              }
            });
    return response.setTopics(new ArrayList<>(topics.values()));
  }

  private static CompletableFuture<OffsetCommitResponseData> done(
      OffsetCommitResponseData response) {
    return CompletableFuture.completedFuture(response);
  }
}
