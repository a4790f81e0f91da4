package dev.brook.broker.group;

import dev.brook.broker.group.GroupRecord.GroupMetadata;
import dev.brook.broker.group.GroupRecord.GroupMetadataValue;
import dev.brook.broker.group.GroupRecord.MemberValue;
import dev.brook.broker.group.GroupRecord.OffsetCommit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * Rebuilds the groups of one offsets-topic partition from its records: the last record per key wins
 * and tombstones delete. A group with members comes back Stable at its persisted generation
 * (members that do not heartbeat within their session are then removed, as in Kafka); a group with
 * only offsets comes back Empty.
 */
final class GroupLoader {
  private final OffsetsLog offsetsLog;

  GroupLoader(OffsetsLog offsetsLog) {
    this.offsetsLog = offsetsLog;
  }

  List<ClassicGroup> load(int partition, long nowMs) {
    Map<String, GroupMetadataValue> metadata = new LinkedHashMap<>();
    Map<String, Map<TopicPartition, CommittedOffset>> offsets = new LinkedHashMap<>();
    offsetsLog.replay(
        partition,
        record ->
            GroupRecordSerde.decode(record)
                .ifPresent(decoded -> apply(decoded, metadata, offsets)));
    Set<String> groupIds = new LinkedHashSet<>(metadata.keySet());
    groupIds.addAll(offsets.keySet());
    List<ClassicGroup> groups = new ArrayList<>();
    for (String groupId : groupIds) {
      ClassicGroup group = new ClassicGroup(groupId, partition, nowMs);
      GroupMetadataValue value = metadata.get(groupId);
      if (value != null) {
        restoreMembership(group, value);
        group.setPersistedMembership(value);
      }
      group.offsets().putAll(offsets.getOrDefault(groupId, Map.of()));
      groups.add(group);
    }
    return groups;
  }

  private static void apply(
      GroupRecord record,
      Map<String, GroupMetadataValue> metadata,
      Map<String, Map<TopicPartition, CommittedOffset>> offsets) {
    if (record instanceof OffsetCommit commit) {
      Map<TopicPartition, CommittedOffset> groupOffsets =
          offsets.computeIfAbsent(commit.groupId(), id -> new LinkedHashMap<>());
      if (commit.offset() == null) {
        groupOffsets.remove(commit.topicPartition());
        if (groupOffsets.isEmpty()) {
          offsets.remove(commit.groupId());
        }
      } else {
        groupOffsets.put(commit.topicPartition(), commit.offset());
      }
    } else {
      GroupMetadata group = (GroupMetadata) record;
      if (group.value() == null) {
        metadata.remove(group.groupId());
      } else {
        metadata.put(group.groupId(), group.value());
      }
    }
  }

  private static void restoreMembership(ClassicGroup group, GroupMetadataValue value) {
    for (MemberValue persisted : value.members()) {
      ClassicMember member =
          new ClassicMember(
              persisted.memberId(),
              persisted.groupInstanceId(),
              persisted.clientId(),
              persisted.clientHost(),
              persisted.rebalanceTimeoutMs(),
              persisted.sessionTimeoutMs(),
              List.of(new MemberProtocol(value.protocolName(), persisted.subscription())));
      member.setAssignment(persisted.assignment());
      group.add(member);
    }
    GroupState state = value.members().isEmpty() ? GroupState.EMPTY : GroupState.STABLE;
    group.restore(
        state,
        value.generationId(),
        value.protocolType(),
        value.protocolName(),
        value.members().isEmpty() ? null : value.leaderId(),
        value.currentStateTimestampMs());
  }
}
