package dev.brook.broker.group;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.protocol.Errors;

/**
 * A classic group: its state machine, its members and its committed offsets.
 *
 * <p>Thread-safety: not thread-safe; every access holds the group's monitor ({@code synchronized
 * (group)}). Invariants: the leader, when set, is a member; a static member's id is in {@code
 * staticMembers} under its instance id; pending members (given an id by MEMBER_ID_REQUIRED) are not
 * members until they join again.
 */
final class ClassicGroup {
  static final String CONSUMER_PROTOCOL_TYPE = "consumer";

  private final String groupId;
  private final int partition;
  private GroupState state = GroupState.EMPTY;
  private long currentStateTimestampMs;
  private int generationId;
  private String protocolType;
  private String protocolName;
  private String leaderId;
  private final Map<String, ClassicMember> members = new LinkedHashMap<>();
  private final Map<String, String> staticMembers = new HashMap<>();
  private final Set<String> pendingMembers = new HashSet<>();
  private final Set<String> pendingSyncMembers = new HashSet<>();
  private final Map<TopicPartition, CommittedOffset> offsets = new LinkedHashMap<>();
  private final Map<TopicPartition, Integer> pendingCommits = new HashMap<>();
  private GroupRecord.GroupMetadataValue persistedMembership;
  private boolean newMemberAdded;
  private boolean initialDelayActive;
  private int initialDelayRemainingMs;

  ClassicGroup(String groupId, int partition, long nowMs) {
    this.groupId = groupId;
    this.partition = partition;
    this.currentStateTimestampMs = nowMs;
  }

  String groupId() {
    return groupId;
  }

  int partition() {
    return partition;
  }

  GroupState state() {
    return state;
  }

  boolean isInState(GroupState wanted) {
    return state == wanted;
  }

  long currentStateTimestampMs() {
    return currentStateTimestampMs;
  }

  void transitionTo(GroupState target, long nowMs) {
    if (!target.validPrevious().contains(state)) {
      throw new IllegalStateException(
          "Group " + groupId + " cannot move from " + state + " to " + target);
    }
    state = target;
    currentStateTimestampMs = nowMs;
  }

  int generationId() {
    return generationId;
  }

  String protocolType() {
    return protocolType;
  }

  String protocolName() {
    return protocolName;
  }

  String leaderId() {
    return leaderId;
  }

  boolean isLeader(String memberId) {
    return memberId.equals(leaderId);
  }

  /** Restores persisted fields when loading the group from the offsets topic. */
  void restore(
      GroupState restoredState,
      int generation,
      String type,
      String protocol,
      String leader,
      long stateTimestampMs) {
    this.state = restoredState;
    this.generationId = generation;
    this.protocolType = type;
    this.protocolName = protocol;
    this.leaderId = leader;
    this.currentStateTimestampMs = stateTimestampMs;
  }

  // ---- members ----

  Collection<ClassicMember> members() {
    return members.values();
  }

  int size() {
    return members.size();
  }

  ClassicMember member(String memberId) {
    return members.get(memberId);
  }

  boolean hasMember(String memberId) {
    return members.containsKey(memberId);
  }

  String staticMemberId(String groupInstanceId) {
    return staticMembers.get(groupInstanceId);
  }

  void add(ClassicMember member) {
    members.put(member.memberId(), member);
    if (member.isStatic()) {
      staticMembers.put(member.groupInstanceId(), member.memberId());
    }
    if (leaderId == null) {
      leaderId = member.memberId();
    }
    pendingMembers.remove(member.memberId());
  }

  void setProtocolType(String protocolType) {
    this.protocolType = protocolType;
  }

  /** Removes a member; elects the next member as leader when the leader left. */
  void remove(String memberId) {
    ClassicMember removed = members.remove(memberId);
    if (removed != null && removed.isStatic()) {
      staticMembers.remove(removed.groupInstanceId(), memberId);
    }
    pendingSyncMembers.remove(memberId);
    if (memberId.equals(leaderId)) {
      leaderId = members.isEmpty() ? null : members.keySet().iterator().next();
    }
  }

  /** Moves a static member to a new member id; the old id is fenced from then on. */
  ClassicMember replaceStaticMember(String groupInstanceId, String oldMemberId, String newId) {
    ClassicMember member = members.remove(oldMemberId);
    member.setMemberId(newId);
    members.put(newId, member);
    staticMembers.put(groupInstanceId, newId);
    if (oldMemberId.equals(leaderId)) {
      leaderId = newId;
    }
    if (pendingSyncMembers.remove(oldMemberId)) {
      pendingSyncMembers.add(newId);
    }
    return member;
  }

  /**
   * Validates the identity a request claims.
   *
   * @return NONE, UNKNOWN_MEMBER_ID or FENCED_INSTANCE_ID
   */
  Errors validateMember(String memberId, String groupInstanceId) {
    if (groupInstanceId != null) {
      String existing = staticMembers.get(groupInstanceId);
      if (existing == null) {
        return Errors.UNKNOWN_MEMBER_ID;
      }
      return existing.equals(memberId) ? Errors.NONE : Errors.FENCED_INSTANCE_ID;
    }
    return members.containsKey(memberId) ? Errors.NONE : Errors.UNKNOWN_MEMBER_ID;
  }

  // ---- pending members (MEMBER_ID_REQUIRED) and pending syncs ----

  void addPendingMember(String memberId) {
    pendingMembers.add(memberId);
  }

  boolean isPendingMember(String memberId) {
    return pendingMembers.contains(memberId);
  }

  boolean hasPendingMembers() {
    return !pendingMembers.isEmpty();
  }

  boolean removePendingMember(String memberId) {
    return pendingMembers.remove(memberId);
  }

  void resetPendingSyncMembers() {
    pendingSyncMembers.clear();
    pendingSyncMembers.addAll(members.keySet());
  }

  void removePendingSyncMember(String memberId) {
    pendingSyncMembers.remove(memberId);
  }

  Set<String> pendingSyncMembers() {
    return Set.copyOf(pendingSyncMembers);
  }

  void clearPendingSyncMembers() {
    pendingSyncMembers.clear();
  }

  // ---- rebalance bookkeeping ----

  boolean hasAllMembersJoined() {
    return pendingMembers.isEmpty() && members.values().stream().allMatch(m -> m.isAwaitingJoin());
  }

  List<ClassicMember> notYetRejoinedMembers() {
    return members.values().stream().filter(m -> !m.isAwaitingJoin()).toList();
  }

  int rebalanceTimeoutMs() {
    return members.values().stream().mapToInt(ClassicMember::rebalanceTimeoutMs).max().orElse(0);
  }

  boolean newMemberAdded() {
    return newMemberAdded;
  }

  void setNewMemberAdded(boolean added) {
    this.newMemberAdded = added;
  }

  /**
   * True while the first rebalance of an empty group waits out group.initial.rebalance.delay.ms.
   */
  boolean initialDelayActive() {
    return initialDelayActive;
  }

  void setInitialDelayActive(boolean active) {
    this.initialDelayActive = active;
  }

  int initialDelayRemainingMs() {
    return initialDelayRemainingMs;
  }

  void setInitialDelayRemainingMs(int remainingMs) {
    this.initialDelayRemainingMs = remainingMs;
  }

  /**
   * Whether a member with this protocol type and these protocols may join: an empty group accepts
   * any non-empty protocol list; otherwise the type must match and one protocol must be supported
   * by every member.
   */
  boolean supportsProtocols(String memberProtocolType, List<MemberProtocol> protocols) {
    if (memberProtocolType == null || memberProtocolType.isEmpty() || protocols.isEmpty()) {
      return false;
    }
    if (members.isEmpty()) {
      return true;
    }
    return memberProtocolType.equals(protocolType)
        && ProtocolSelection.anySupportedByAll(members.values(), protocols);
  }

  /** The protocol the next generation would use; see {@link ProtocolSelection#select}. */
  String selectProtocol() {
    return ProtocolSelection.select(
        members.values(), members.get(leaderId == null ? "" : leaderId));
  }

  /**
   * Keeps the leader if it rejoined, else makes the first member that rejoined the leader.
   *
   * @return false when no member rejoined
   */
  boolean electJoinedLeader() {
    ClassicMember leader = leaderId == null ? null : members.get(leaderId);
    if (leader != null && leader.isAwaitingJoin()) {
      return true;
    }
    for (ClassicMember member : members.values()) {
      if (member.isAwaitingJoin()) {
        leaderId = member.memberId();
        return true;
      }
    }
    return false;
  }

  /** Moves to the next generation: Empty when nobody is left, else CompletingRebalance. */
  void initNextGeneration(long nowMs) {
    generationId++;
    if (members.isEmpty()) {
      protocolName = null;
      transitionTo(GroupState.EMPTY, nowMs);
    } else {
      if (leaderId == null || !members.containsKey(leaderId)) {
        leaderId = members.keySet().iterator().next();
      }
      protocolName = selectProtocol();
      transitionTo(GroupState.COMPLETING_REBALANCE, nowMs);
    }
    pendingSyncMembers.clear();
  }

  /** The membership as last made durable, which a snapshot of the offsets topic carries over. */
  GroupRecord.GroupMetadataValue persistedMembership() {
    return persistedMembership;
  }

  void setPersistedMembership(GroupRecord.GroupMetadataValue value) {
    if (persistedMembership == null || value.generationId() >= persistedMembership.generationId()) {
      persistedMembership = value;
    }
  }

  // ---- offsets ----

  Map<TopicPartition, CommittedOffset> offsets() {
    return offsets;
  }

  /** Notes commits written but not yet durable, so that a deletion also tombstones them. */
  void addPendingCommits(Collection<TopicPartition> partitions) {
    partitions.forEach(tp -> pendingCommits.merge(tp, 1, Integer::sum));
  }

  void removePendingCommits(Collection<TopicPartition> partitions) {
    partitions.forEach(tp -> pendingCommits.computeIfPresent(tp, (k, n) -> n == 1 ? null : n - 1));
  }

  boolean hasPendingCommits() {
    return !pendingCommits.isEmpty();
  }

  /** Every partition that has, or may soon have, a committed offset record. */
  Set<TopicPartition> offsetKeysIncludingPending() {
    Set<TopicPartition> keys = new LinkedHashSet<>(offsets.keySet());
    keys.addAll(pendingCommits.keySet());
    return keys;
  }

  /** Empty and without offsets: the group can be deleted by the expiry cycle. */
  boolean isDeletable() {
    return state == GroupState.EMPTY && offsets.isEmpty();
  }
}
