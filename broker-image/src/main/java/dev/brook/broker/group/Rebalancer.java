package dev.brook.broker.group;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.message.JoinGroupResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives the rebalance protocol of classic groups: entering PreparingRebalance, completing the join
 * phase when every member rejoined or the rebalance timeout passed, and removing members whose
 * session, join or sync deadline expired.
 *
 * <p>Every method is called with the group's monitor held; timer callbacks take it themselves and
 * check that the deadline still applies to the generation it was armed for.
 */
final class Rebalancer {
  private static final Logger LOG = LoggerFactory.getLogger(Rebalancer.class);

  private final GroupCoordinatorConfig config;
  private final Time time;
  private final GroupTimers timers;
  private final GroupWriter writer;

  Rebalancer(GroupCoordinatorConfig config, Time time, GroupTimers timers, GroupWriter writer) {
    this.config = config;
    this.time = time;
    this.timers = timers;
    this.writer = writer;
  }

  /** Starts a rebalance when the group can, or completes the running join phase when it may. */
  void maybePrepareRebalanceOrCompleteJoin(ClassicGroup group, String reason) {
    switch (group.state()) {
      case EMPTY, STABLE, COMPLETING_REBALANCE -> prepareRebalance(group, reason);
      case PREPARING_REBALANCE -> maybeCompleteJoin(group);
      case DEAD -> {}
    }
  }

  void prepareRebalance(ClassicGroup group, String reason) {
    if (group.isInState(GroupState.COMPLETING_REBALANCE)) {
      resetAndFailAwaitingSync(group, Errors.REBALANCE_IN_PROGRESS);
    }
    timers.cancel(GroupTimers.syncKey(group.groupId()));
    group.clearPendingSyncMembers();
    boolean initial =
        group.isInState(GroupState.EMPTY) && config.groupInitialRebalanceDelayMs() > 0;
    GroupState previous = group.state();
    group.transitionTo(GroupState.PREPARING_REBALANCE, time.milliseconds());
    LOG.info(
        "Preparing to rebalance group {} in state {} with old generation {} ({})",
        group.groupId(),
        previous.wireName(),
        group.generationId(),
        reason);
    int generation = group.generationId();
    if (initial) {
      int delayMs = Math.min(config.groupInitialRebalanceDelayMs(), group.rebalanceTimeoutMs());
      group.setInitialDelayActive(true);
      group.setNewMemberAdded(false);
      group.setInitialDelayRemainingMs(Math.max(group.rebalanceTimeoutMs() - delayMs, 0));
      timers.schedule(
          GroupTimers.joinKey(group.groupId()),
          delayMs,
          () -> onInitialDelayExpired(group, generation));
    } else {
      timers.schedule(
          GroupTimers.joinKey(group.groupId()),
          group.rebalanceTimeoutMs(),
          () -> onJoinDeadline(group, generation));
      maybeCompleteJoin(group);
    }
  }

  void maybeCompleteJoin(ClassicGroup group) {
    if (group.isInState(GroupState.PREPARING_REBALANCE)
        && !group.initialDelayActive()
        && group.hasAllMembersJoined()) {
      completeJoin(group);
    }
  }

  /**
   * Extends the initial delay while new members keep arriving, up to the rebalance timeout, so that
   * a starting application's consumers land in one generation rather than many.
   */
  private void onInitialDelayExpired(ClassicGroup group, int generation) {
    synchronized (group) {
      if (!group.isInState(GroupState.PREPARING_REBALANCE)
          || group.generationId() != generation
          || !group.initialDelayActive()) {
        return;
      }
      int remainingMs = group.initialDelayRemainingMs();
      if (group.newMemberAdded() && remainingMs > 0) {
        int delayMs = Math.min(config.groupInitialRebalanceDelayMs(), remainingMs);
        group.setNewMemberAdded(false);
        group.setInitialDelayRemainingMs(Math.max(remainingMs - delayMs, 0));
        timers.schedule(
            GroupTimers.joinKey(group.groupId()),
            delayMs,
            () -> onInitialDelayExpired(group, generation));
      } else {
        completeJoin(group);
      }
    }
  }

  private void onJoinDeadline(ClassicGroup group, int generation) {
    synchronized (group) {
      if (group.isInState(GroupState.PREPARING_REBALANCE) && group.generationId() == generation) {
        completeJoin(group);
      }
    }
  }

  /**
   * Ends the join phase: dynamic members that did not rejoin are removed (static members keep their
   * place until their session expires, KIP-345), the generation advances, and every waiting member
   * gets its JoinGroup response (the leader with all members' metadata).
   */
  void completeJoin(ClassicGroup group) {
    if (!group.isInState(GroupState.PREPARING_REBALANCE)) {
      return;
    }
    group.setInitialDelayActive(false);
    timers.cancel(GroupTimers.joinKey(group.groupId()));
    for (ClassicMember member : group.notYetRejoinedMembers()) {
      if (!member.isStatic()) {
        LOG.info(
            "Removing member {} of group {}: it did not rejoin within the rebalance timeout",
            member.memberId(),
            group.groupId());
        timers.cancel(GroupTimers.heartbeatKey(group.groupId(), member.memberId()));
        group.remove(member.memberId());
      }
    }
    if (group.size() > 0 && !group.electJoinedLeader()) {
      // Only absent static members are left: wait for them (or their session expiry) longer.
      LOG.info("Group {} cannot complete its rebalance: no member rejoined", group.groupId());
      int generation = group.generationId();
      timers.schedule(
          GroupTimers.joinKey(group.groupId()),
          group.rebalanceTimeoutMs(),
          () -> onJoinDeadline(group, generation));
      return;
    }
    group.initNextGeneration(time.milliseconds());
    if (group.isInState(GroupState.EMPTY)) {
      LOG.info("Group {} is empty at generation {}", group.groupId(), group.generationId());
      persistMembership(group);
      return;
    }
    LOG.info(
        "Group {} stabilising generation {} with {} members, protocol {}",
        group.groupId(),
        group.generationId(),
        group.size(),
        group.protocolName());
    completeJoinResponses(group);
  }

  private void completeJoinResponses(ClassicGroup group) {
    for (ClassicMember member : group.members()) {
      boolean isLeader = group.isLeader(member.memberId());
      JoinGroupResponseData response =
          MembershipResponses.joinResult(
              member.awaitingJoinVersion(), group, member.memberId(), isLeader);
      member.setNew(false);
      member.completeJoin(response);
      scheduleHeartbeat(group, member, member.sessionTimeoutMs());
    }
    group.resetPendingSyncMembers();
    int generation = group.generationId();
    timers.schedule(
        GroupTimers.syncKey(group.groupId()),
        group.rebalanceTimeoutMs(),
        () -> onPendingSyncDeadline(group, generation));
  }

  /** Members that never sent SyncGroup after a join are removed, forcing a new rebalance. */
  private void onPendingSyncDeadline(ClassicGroup group, int generation) {
    synchronized (group) {
      boolean syncing =
          group.isInState(GroupState.COMPLETING_REBALANCE) || group.isInState(GroupState.STABLE);
      if (!syncing || group.generationId() != generation) {
        return;
      }
      List<String> missing = List.copyOf(group.pendingSyncMembers());
      if (missing.isEmpty()) {
        return;
      }
      LOG.info("Members {} of group {} did not sync in time", missing, group.groupId());
      for (String memberId : missing) {
        ClassicMember member = group.member(memberId);
        if (member != null) {
          dropMember(group, member);
        }
      }
      prepareRebalance(group, "pending sync timeout");
    }
  }

  void scheduleHeartbeat(ClassicGroup group, ClassicMember member, long timeoutMs) {
    String memberId = member.memberId();
    timers.schedule(
        GroupTimers.heartbeatKey(group.groupId(), memberId),
        timeoutMs,
        () -> onHeartbeatDeadline(group, memberId));
  }

  void cancelHeartbeat(ClassicGroup group, String memberId) {
    timers.cancel(GroupTimers.heartbeatKey(group.groupId(), memberId));
  }

  private void onHeartbeatDeadline(ClassicGroup group, String memberId) {
    synchronized (group) {
      ClassicMember member = group.member(memberId);
      if (member == null || group.isInState(GroupState.DEAD)) {
        return;
      }
      // The join and sync deadlines bound those phases; an established member waiting in them is
      // alive. A new member's first deadline is the new-member join timeout.
      if ((member.isAwaitingJoin() && !member.isNew()) || member.isAwaitingSync()) {
        scheduleHeartbeat(group, member, member.sessionTimeoutMs());
        return;
      }
      LOG.info(
          "Member {} of group {} failed: session timeout of {} ms expired",
          memberId,
          group.groupId(),
          member.sessionTimeoutMs());
      removeMemberAndRebalance(group, member, "session timeout of member " + memberId);
    }
  }

  void schedulePendingMemberExpiry(ClassicGroup group, String memberId, long timeoutMs) {
    timers.schedule(
        GroupTimers.pendingMemberKey(group.groupId(), memberId),
        timeoutMs,
        () -> {
          synchronized (group) {
            if (group.removePendingMember(memberId)) {
              maybeCompleteJoin(group);
            }
          }
        });
  }

  void cancelPendingMemberExpiry(ClassicGroup group, String memberId) {
    timers.cancel(GroupTimers.pendingMemberKey(group.groupId(), memberId));
  }

  /** Removes a member (failing its waiting requests) and rebalances the rest. */
  void removeMemberAndRebalance(ClassicGroup group, ClassicMember member, String reason) {
    dropMember(group, member);
    rebalanceAfterRemoval(group, reason);
  }

  /** After members left: the others rebalance, or the running join phase may now complete. */
  void rebalanceAfterRemoval(ClassicGroup group, String reason) {
    switch (group.state()) {
      case STABLE, COMPLETING_REBALANCE -> prepareRebalance(group, reason);
      case PREPARING_REBALANCE -> maybeCompleteJoin(group);
      case EMPTY, DEAD -> {}
    }
  }

  /**
   * Removes a member without rebalancing; its waiting JoinGroup/SyncGroup get UNKNOWN_MEMBER_ID.
   */
  void dropMember(ClassicGroup group, ClassicMember member) {
    member.completeJoin(
        MembershipResponses.joinError(
            member.awaitingJoinVersion(), member.memberId(), Errors.UNKNOWN_MEMBER_ID));
    member.completeSync(MembershipResponses.syncError(Errors.UNKNOWN_MEMBER_ID));
    cancelHeartbeat(group, member.memberId());
    group.remove(member.memberId());
  }

  void resetAndFailAwaitingSync(ClassicGroup group, Errors error) {
    for (ClassicMember member : group.members()) {
      member.setAssignment(new byte[0]);
      member.completeSync(MembershipResponses.syncError(error));
    }
  }

  /** Fails every waiting request of a group that leaves this coordinator and stops its timers. */
  void abandon(ClassicGroup group, Errors error) {
    for (ClassicMember member : group.members()) {
      member.completeJoin(
          MembershipResponses.joinError(member.awaitingJoinVersion(), member.memberId(), error));
      member.completeSync(MembershipResponses.syncError(error));
    }
    cancelAllTimers(group);
  }

  void cancelAllTimers(ClassicGroup group) {
    timers.cancelAll(group.groupId());
  }

  /** Persists the membership of the current generation; a failure is logged, as in Kafka. */
  void persistMembership(ClassicGroup group) {
    writer
        .appendMembership(group, GroupWriter.metadataRecord(group, Map.of()))
        .thenAccept(
            error -> {
              if (error != Errors.NONE) {
                LOG.warn(
                    "Failed to persist metadata of group {} at generation {}: {}",
                    group.groupId(),
                    group.generationId(),
                    error);
              }
            });
  }
}
