package dev.brook.broker.group;

import dev.brook.broker.group.GroupRecord.GroupMetadata;
import dev.brook.broker.group.GroupRecord.GroupMetadataValue;
import dev.brook.broker.group.GroupRecord.MemberValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.utils.Time;

/**
 * Appends group records to the group's offsets-topic partition and reports the outcome as the group
 * error clients expect. The returned futures never complete exceptionally.
 *
 * <p>Appends to one partition are issued in call order. While {@link OffsetsSnapshotter} takes a
 * snapshot of a partition, the partition is <em>gated</em>: new appends are held back and issued,
 * in order, right after the snapshot's records, so that every record written before the snapshot is
 * either reflected in it or superseded by a later record.
 */
final class GroupWriter {
  private final OffsetsLog offsetsLog;
  private final Time time;
  private final Map<Integer, PartitionGate> gates = new ConcurrentHashMap<>();

  GroupWriter(OffsetsLog offsetsLog, Time time) {
    this.offsetsLog = offsetsLog;
    this.time = time;
  }

  CompletableFuture<Errors> append(int partition, List<GroupRecord> records) {
    if (records.isEmpty()) {
      return CompletableFuture.completedFuture(Errors.NONE);
    }
    PartitionGate gate = gate(partition);
    CompletableFuture<Errors> result = new CompletableFuture<>();
    synchronized (gate) {
      if (gate.closed) {
        gate.held.add(() -> issue(partition, gate, records, result));
        return result;
      }
      gate.inFlight++;
    }
    issue(partition, gate, records, result);
    return result;
  }

  /** Appends a membership record; once durable it is what a snapshot carries for the group. */
  CompletableFuture<Errors> appendMembership(ClassicGroup group, GroupMetadata record) {
    return append(group.partition(), List.of(record))
        .thenApply(
            error -> {
              if (error == Errors.NONE) {
                synchronized (group) {
                  group.setPersistedMembership(record.value());
                }
              }
              return error;
            });
  }

  private void issue(
      int partition,
      PartitionGate gate,
      List<GroupRecord> records,
      CompletableFuture<Errors> result) {
    CompletableFuture<Void> appended;
    try {
      appended = offsetsLog.append(partition, GroupRecordSerde.batch(records, time.milliseconds()));
    } catch (RuntimeException failure) {
      appended = CompletableFuture.failedFuture(failure);
    }
    appended.whenComplete(
        (ignored, failure) -> {
          gate.appendDone(records.size());
          result.complete(failure == null ? Errors.NONE : AppendErrors.toGroupError(failure));
        });
  }

  /**
   * Closes the partition's gate and completes once no append is in flight; appends made meanwhile
   * are held until {@link #open}.
   */
  CompletableFuture<Void> closeAndDrain(int partition) {
    PartitionGate gate = gate(partition);
    synchronized (gate) {
      gate.closed = true;
      gate.drained = new CompletableFuture<>();
      if (gate.inFlight == 0) {
        gate.drained.complete(null);
      }
      return gate.drained;
    }
  }

  /** Appends records directly, bypassing the gate: for the snapshot while the gate is closed. */
  CompletableFuture<Void> appendDirect(int partition, List<GroupRecord> records) {
    try {
      return offsetsLog.append(partition, GroupRecordSerde.batch(records, time.milliseconds()));
    } catch (RuntimeException failure) {
      return CompletableFuture.failedFuture(failure);
    }
  }

  /** Reopens the gate and issues the held appends in their call order. */
  void open(int partition) {
    PartitionGate gate = gate(partition);
    List<Runnable> held;
    synchronized (gate) {
      gate.closed = false;
      gate.appendedRecords = 0;
      held = new ArrayList<>(gate.held);
      gate.inFlight += held.size();
      gate.held.clear();
    }
    held.forEach(Runnable::run);
  }

  /** Records appended to the partition since its last snapshot. */
  long appendedSinceSnapshot(int partition) {
    PartitionGate gate = gate(partition);
    synchronized (gate) {
      return gate.appendedRecords;
    }
  }

  private PartitionGate gate(int partition) {
    return gates.computeIfAbsent(partition, p -> new PartitionGate());
  }

  /** Append bookkeeping of one partition; guarded by its own monitor, never held across calls. */
  private static final class PartitionGate {
    private boolean closed;
    private int inFlight;
    private long appendedRecords;
    private final List<Runnable> held = new ArrayList<>();
    private CompletableFuture<Void> drained;

    void appendDone(int records) {
      CompletableFuture<Void> toComplete = null;
      synchronized (this) {
        inFlight--;
        appendedRecords += records;
        if (closed && inFlight == 0 && drained != null) {
          toComplete = drained;
        }
      }
      if (toComplete != null) {
        toComplete.complete(null);
      }
    }
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
