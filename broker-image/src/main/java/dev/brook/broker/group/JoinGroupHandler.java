package dev.brook.broker.group;

import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.JoinGroupRequestData;
import org.apache.kafka.common.message.JoinGroupResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.utils.Time;

/**
 * JoinGroup for classic groups: dynamic members (with the MEMBER_ID_REQUIRED round trip from v4),
 * static members (KIP-345: a known group.instance.id takes over its old member id without a
 * rebalance when nothing changed), and rejoins of existing members.
 */
final class JoinGroupHandler {
  private final GroupCoordinatorConfig config;
  private final Time time;
  private final GroupRegistry registry;
  private final Rebalancer rebalancer;
  private final StaticMemberRejoin staticRejoin;

  JoinGroupHandler(
      GroupCoordinatorConfig config,
      Time time,
      GroupRegistry registry,
      Rebalancer rebalancer,
      GroupWriter writer) {
    this.config = config;
    this.time = time;
    this.registry = registry;
    this.rebalancer = rebalancer;
    this.staticRejoin = new StaticMemberRejoin(rebalancer, writer);
  }

  CompletableFuture<JoinGroupResponseData> handle(
      RequestContext context, JoinGroupRequestData data) {
    JoinRequest join = JoinRequest.from(context, data);
    Errors precondition = validate(join);
    if (precondition != Errors.NONE) {
      return failed(join, precondition);
    }
    boolean unknownMember = join.memberId().isEmpty();
    boolean existed = registry.get(join.groupId()) != null;
    ClassicGroup group =
        unknownMember
            ? registry.getOrCreate(join.groupId(), time.milliseconds())
            : registry.get(join.groupId());
    if (group == null) {
      return failed(join, Errors.UNKNOWN_MEMBER_ID);
    }
    CompletableFuture<JoinGroupResponseData> future = new CompletableFuture<>();
    synchronized (group) {
      if (!acceptJoiningMember(group, join.memberId())) {
        rejectOverCapacity(group, join, future);
      } else if (unknownMember) {
        joinNewMember(group, join, future);
      } else {
        joinExistingMember(group, join, future);
      }
      if (!existed && isUnused(group)) {
        // A join that failed must not leave an empty group behind.
        group.transitionTo(GroupState.DEAD, time.milliseconds());
        registry.remove(group);
      }
    }
    return future;
  }

  private Errors validate(JoinRequest join) {
    Errors ownership = registry.ownership(join.groupId());
    if (ownership != Errors.NONE) {
      return ownership;
    }
    if (join.sessionTimeoutMs() < config.groupMinSessionTimeoutMs()
        || join.sessionTimeoutMs() > config.groupMaxSessionTimeoutMs()) {
      return Errors.INVALID_SESSION_TIMEOUT;
    }
    return Errors.NONE;
  }

  private static boolean isUnused(ClassicGroup group) {
    return group.isInState(GroupState.EMPTY)
        && group.size() == 0
        && !group.hasPendingMembers()
        && group.offsets().isEmpty();
  }

  /**
   * group.max.size: during a rebalance only members already waiting count (others may never come
   * back); otherwise the current members do.
   */
  private boolean acceptJoiningMember(ClassicGroup group, String memberId) {
    return switch (group.state()) {
      case EMPTY, DEAD -> true;
      case PREPARING_REBALANCE -> {
        ClassicMember member = group.member(memberId);
        long waiting = group.members().stream().filter(ClassicMember::isAwaitingJoin).count();
        yield (member != null && member.isAwaitingJoin()) || waiting < config.groupMaxSize();
      }
      case COMPLETING_REBALANCE, STABLE ->
          group.hasMember(memberId) || group.size() < config.groupMaxSize();
    };
  }

  /** As in Kafka, a known member turned away for group.max.size is removed from the group. */
  private void rejectOverCapacity(
      ClassicGroup group, JoinRequest join, CompletableFuture<JoinGroupResponseData> future) {
    ClassicMember member = group.member(join.memberId());
    if (member != null) {
      rebalancer.removeMemberAndRebalance(group, member, "group.max.size reached");
    }
    future.complete(
        MembershipResponses.joinError(join.version(), "", Errors.GROUP_MAX_SIZE_REACHED));
  }

  private void joinNewMember(
      ClassicGroup group, JoinRequest join, CompletableFuture<JoinGroupResponseData> future) {
    if (group.isInState(GroupState.DEAD)) {
      future.complete(error(join, Errors.COORDINATOR_NOT_AVAILABLE));
      return;
    }
    if (!group.supportsProtocols(join.protocolType(), join.protocols())) {
      future.complete(error(join, Errors.INCONSISTENT_GROUP_PROTOCOL));
      return;
    }
    String prefix = join.groupInstanceId() != null ? join.groupInstanceId() : join.clientId();
    String newMemberId = prefix + "-" + UUID.randomUUID();
    if (join.groupInstanceId() != null) {
      String oldMemberId = group.staticMemberId(join.groupInstanceId());
      if (oldMemberId == null) {
        addMemberAndRebalance(group, join, newMemberId, future);
      } else {
        staticRejoin.replace(group, join, oldMemberId, newMemberId, future);
      }
    } else if (join.requiresKnownMemberId()) {
      group.addPendingMember(newMemberId);
      rebalancer.schedulePendingMemberExpiry(group, newMemberId, join.sessionTimeoutMs());
      future.complete(
          MembershipResponses.joinError(join.version(), newMemberId, Errors.MEMBER_ID_REQUIRED));
    } else {
      addMemberAndRebalance(group, join, newMemberId, future);
    }
  }

  private void joinExistingMember(
      ClassicGroup group, JoinRequest join, CompletableFuture<JoinGroupResponseData> future) {
    String memberId = join.memberId();
    if (group.isInState(GroupState.DEAD)) {
      future.complete(error(join, Errors.COORDINATOR_NOT_AVAILABLE));
      return;
    }
    if (!group.supportsProtocols(join.protocolType(), join.protocols())) {
      future.complete(error(join, Errors.INCONSISTENT_GROUP_PROTOCOL));
      return;
    }
    if (group.isPendingMember(memberId)) {
      if (join.groupInstanceId() != null) {
        future.complete(error(join, Errors.UNKNOWN_MEMBER_ID));
        return;
      }
      addMemberAndRebalance(group, join, memberId, future);
      return;
    }
    Errors identity = group.validateMember(memberId, join.groupInstanceId());
    if (identity != Errors.NONE) {
      future.complete(error(join, identity));
      return;
    }
    ClassicMember member = group.member(memberId);
    boolean unchanged = member.hasSameProtocols(join.protocols());
    switch (group.state()) {
      case PREPARING_REBALANCE -> updateMemberAndRebalance(group, member, join, future);
      case COMPLETING_REBALANCE -> {
        if (unchanged) {
          // The member lost the join response; answer again with the same generation.
          boolean isLeader = group.isLeader(memberId);
          future.complete(
              MembershipResponses.joinResult(join.version(), group, memberId, isLeader));
        } else {
          updateMemberAndRebalance(group, member, join, future);
        }
      }
      case STABLE -> {
        if (group.isLeader(memberId) || !unchanged) {
          updateMemberAndRebalance(group, member, join, future);
        } else {
          future.complete(MembershipResponses.joinResult(join.version(), group, memberId, false));
        }
      }
      case EMPTY, DEAD -> future.complete(error(join, Errors.UNKNOWN_MEMBER_ID));
    }
  }

  private void addMemberAndRebalance(
      ClassicGroup group,
      JoinRequest join,
      String memberId,
      CompletableFuture<JoinGroupResponseData> future) {
    if (group.size() == 0) {
      group.setProtocolType(join.protocolType());
    }
    ClassicMember member =
        new ClassicMember(
            memberId,
            join.groupInstanceId(),
            join.clientId(),
            join.clientHost(),
            join.rebalanceTimeoutMs(),
            join.sessionTimeoutMs(),
            join.protocols());
    member.setNew(true);
    member.awaitJoin(future, join.version());
    if (group.initialDelayActive()) {
      group.setNewMemberAdded(true);
    }
    group.add(member);
    rebalancer.cancelPendingMemberExpiry(group, memberId);
    rebalancer.scheduleHeartbeat(group, member, config.newMemberJoinTimeoutMs());
    rebalancer.maybePrepareRebalanceOrCompleteJoin(group, "member " + memberId + " joined");
  }

  private void updateMemberAndRebalance(
      ClassicGroup group,
      ClassicMember member,
      JoinRequest join,
      CompletableFuture<JoinGroupResponseData> future) {
    member.completeJoin(
        MembershipResponses.joinError(
            member.awaitingJoinVersion(), member.memberId(), Errors.REBALANCE_IN_PROGRESS));
    member.update(
        join.clientId(),
        join.clientHost(),
        join.rebalanceTimeoutMs(),
        join.sessionTimeoutMs(),
        join.protocols());
    member.awaitJoin(future, join.version());
    String reason = join.reason() == null ? "" : " (" + join.reason() + ")";
    rebalancer.maybePrepareRebalanceOrCompleteJoin(
        group, "member " + member.memberId() + " rejoined" + reason);
  }

  private static JoinGroupResponseData error(JoinRequest join, Errors error) {
    return MembershipResponses.joinError(join.version(), join.memberId(), error);
  }

  private static CompletableFuture<JoinGroupResponseData> failed(JoinRequest join, Errors error) {
    return CompletableFuture.completedFuture(error(join, error));
  }
}
