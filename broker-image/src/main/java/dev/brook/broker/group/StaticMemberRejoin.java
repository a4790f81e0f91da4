package dev.brook.broker.group;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.JoinGroupResponseData;
import org.apache.kafka.common.protocol.Errors;

/**
 * KIP-345: a static member that restarts joins with its group.instance.id and no member id; it
 * takes over the instance's member id slot under a fresh id, and the old id is fenced.
 */
final class StaticMemberRejoin {
  private final Rebalancer rebalancer;
  private final GroupWriter writer;

  StaticMemberRejoin(Rebalancer rebalancer, GroupWriter writer) {
    this.rebalancer = rebalancer;
    this.writer = writer;
  }

  /**
   * A restarted static member takes over its instance's old member id. The old id is fenced. In a
   * Stable group whose protocol choice does not change, the group keeps its generation and
   * assignment and only persists the new id; otherwise the group rebalances.
   */
  void replace(
      ClassicGroup group,
      JoinRequest join,
      String oldMemberId,
      String newMemberId,
      CompletableFuture<JoinGroupResponseData> future) {
    ClassicMember old = group.member(oldMemberId);
    old.completeJoin(
        MembershipResponses.joinError(
            old.awaitingJoinVersion(), oldMemberId, Errors.FENCED_INSTANCE_ID));
    old.completeSync(MembershipResponses.syncError(Errors.FENCED_INSTANCE_ID));
    rebalancer.cancelHeartbeat(group, oldMemberId);
    StaticIdentity previous = StaticIdentity.of(old);
    ClassicMember member =
        group.replaceStaticMember(join.groupInstanceId(), oldMemberId, newMemberId);
    member.update(
        join.clientId(),
        join.clientHost(),
        join.rebalanceTimeoutMs(),
        join.sessionTimeoutMs(),
        join.protocols());
    rebalancer.scheduleHeartbeat(group, member, member.sessionTimeoutMs());
    switch (group.state()) {
      case STABLE -> {
        if (group.selectProtocol().equals(group.protocolName())) {
          persistReplacement(group, join, member, oldMemberId, previous, future);
        } else {
          member.awaitJoin(future, join.version());
          rebalancer.prepareRebalance(group, "static member changed its protocols");
        }
      }
      case COMPLETING_REBALANCE -> {
        // The leader may already be assigning with the old id: rebalance so the new id is seen.
        member.awaitJoin(future, join.version());
        rebalancer.prepareRebalance(group, "static member replaced during CompletingRebalance");
      }
      case PREPARING_REBALANCE -> {
        member.awaitJoin(future, join.version());
        rebalancer.maybeCompleteJoin(group);
      }
      case EMPTY, DEAD -> future.complete(error(join, Errors.UNKNOWN_MEMBER_ID));
    }
  }

  private void persistReplacement(
      ClassicGroup group,
      JoinRequest join,
      ClassicMember member,
      String oldMemberId,
      StaticIdentity previous,
      CompletableFuture<JoinGroupResponseData> future) {
    String oldLeaderId = group.isLeader(member.memberId()) ? oldMemberId : group.leaderId();
    int generation = group.generationId();
    writer
        .appendMembership(group, GroupWriter.metadataRecord(group, Map.of()))
        .thenAccept(
            error -> {
              synchronized (group) {
                completeReplacement(
                    group,
                    join,
                    member,
                    oldMemberId,
                    oldLeaderId,
                    previous,
                    generation,
                    error,
                    future);
              }
            });
  }

  private void completeReplacement(
      ClassicGroup group,
      JoinRequest join,
      ClassicMember member,
      String oldMemberId,
      String oldLeaderId,
      StaticIdentity previous,
      int generation,
      Errors error,
      CompletableFuture<JoinGroupResponseData> future) {
    String newMemberId = member.memberId();
    boolean stillCurrent =
        group.generationId() == generation && group.member(newMemberId) == member;
    if (error != Errors.NONE) {
      if (stillCurrent) {
        rebalancer.cancelHeartbeat(group, newMemberId);
        group.replaceStaticMember(join.groupInstanceId(), newMemberId, oldMemberId);
        previous.restore(member);
        rebalancer.scheduleHeartbeat(group, member, member.sessionTimeoutMs());
      }
      future.complete(MembershipResponses.joinError(join.version(), "", error));
      return;
    }
    boolean isLeader = group.isLeader(newMemberId);
    boolean skipAssignment = isLeader && join.supportsSkippingAssignment();
    JoinGroupResponseData response =
        MembershipResponses.joinResult(join.version(), group, newMemberId, skipAssignment);
    if (isLeader && !skipAssignment) {
      // An older leader must not reassign: present it as a follower of its previous id.
      response.setLeader(oldLeaderId);
    }
    future.complete(response.setSkipAssignment(skipAssignment));
  }

  private static JoinGroupResponseData error(JoinRequest join, Errors error) {
    return MembershipResponses.joinError(join.version(), join.memberId(), error);
  }

  /** What a static member declared before a replacement, to undo it when persisting fails. */
  private record StaticIdentity(
      String clientId,
      String clientHost,
      int rebalanceTimeoutMs,
      int sessionTimeoutMs,
      List<MemberProtocol> protocols) {
    static StaticIdentity of(ClassicMember member) {
      return new StaticIdentity(
          member.clientId(),
          member.clientHost(),
          member.rebalanceTimeoutMs(),
          member.sessionTimeoutMs(),
          member.protocols());
    }

    void restore(ClassicMember member) {
      member.update(clientId, clientHost, rebalanceTimeoutMs, sessionTimeoutMs, protocols);
    }
  }
}
