package dev.brook.broker.group;

import dev.brook.broker.group.GroupRecord.GroupMetadata;
import dev.brook.broker.group.GroupRecord.GroupMetadataValue;
import dev.brook.broker.group.GroupRecord.MemberValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.utils.Time;

/**
 * Appends group records to the group's offsets-topic partition and reports the outcome as the group
 * error clients expect. The returned futures never complete exceptionally.
 */
final class GroupWriter {
  private final OffsetsLog offsetsLog;
  private final Time time;

  GroupWriter(OffsetsLog offsetsLog, Time time) {
    this.offsetsLog = offsetsLog;
    this.time = time;
  }

  CompletableFuture<Errors> append(int partition, List<GroupRecord> records) {
    if (records.isEmpty()) {
      return CompletableFuture.completedFuture(Errors.NONE);
    }
    try {
      MemoryRecords batch = GroupRecordSerde.batch(records, time.milliseconds());
      return offsetsLog
          .append(partition, batch)
          .handle((ignored, failure) -> failure == null ? Errors.NONE : toError(failure));
    } catch (RuntimeException failure) {
      return CompletableFuture.completedFuture(toError(failure));
    }
  }

  private static Errors toError(Throwable failure) {
    return AppendErrors.toGroupError(failure);
  }

  /**
   * The membership record of the group's current generation, with {@code assignments} where given
   * and the members' current assignments otherwise.
   */
  static GroupMetadata metadataRecord(ClassicGroup group, Map<String, byte[]> assignments) {
    List<MemberValue> members = new ArrayList<>(group.size());
    for (ClassicMember member : group.members()) {
      byte[] subscription = member.metadata(group.protocolName());
      byte[] assignment = assignments.getOrDefault(member.memberId(), member.assignment());
      members.add(
          new MemberValue(
              member.memberId(),
              member.groupInstanceId(),
              member.clientId(),
              member.clientHost(),
              member.rebalanceTimeoutMs(),
              member.sessionTimeoutMs(),
              subscription == null ? new byte[0] : subscription,
              assignment == null ? new byte[0] : assignment));
    }
    GroupMetadataValue value =
        new GroupMetadataValue(
            group.protocolType(),
            group.generationId(),
            group.protocolName(),
            group.leaderId(),
            group.currentStateTimestampMs(),
            members);
    return new GroupMetadata(group.groupId(), value);
  }

  static GroupMetadata tombstone(ClassicGroup group) {
    return new GroupMetadata(group.groupId(), null);
  }
}
