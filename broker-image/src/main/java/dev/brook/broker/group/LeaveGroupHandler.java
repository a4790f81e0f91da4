package dev.brook.broker.group;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.LeaveGroupRequestData;
import org.apache.kafka.common.message.LeaveGroupRequestData.MemberIdentity;
import org.apache.kafka.common.message.LeaveGroupResponseData;
import org.apache.kafka.common.message.LeaveGroupResponseData.MemberResponse;
import org.apache.kafka.common.protocol.Errors;

/**
 * LeaveGroup: v0-2 name one member and report its error at the top level; v3+ (KIP-345) name a
 * batch of members by member id and/or group instance id and report one error per member.
 */
final class LeaveGroupHandler {
  private final GroupRegistry registry;
  private final Rebalancer rebalancer;

  LeaveGroupHandler(GroupRegistry registry, Rebalancer rebalancer) {
    this.registry = registry;
    this.rebalancer = rebalancer;
  }

  CompletableFuture<LeaveGroupResponseData> handle(
      RequestContext context, LeaveGroupRequestData request) {
    boolean batched = context.apiVersion() >= 3;
    List<MemberIdentity> identities =
        batched ? request.members() : List.of(new MemberIdentity().setMemberId(request.memberId()));
    Errors ownership = registry.ownership(request.groupId());
    if (ownership != Errors.NONE) {
      return done(new LeaveGroupResponseData().setErrorCode(ownership.code()));
    }
    ClassicGroup group = registry.get(request.groupId());
    List<MemberResponse> results = new ArrayList<>();
    if (group == null) {
      // As Kafka: no group means no such member; from v3 each member says so, the request is fine.
      identities.forEach(identity -> results.add(memberResult(identity, Errors.UNKNOWN_MEMBER_ID)));
      return done(response(batched, results));
    }
    synchronized (group) {
      if (group.isInState(GroupState.DEAD)) {
        return done(
            new LeaveGroupResponseData().setErrorCode(Errors.COORDINATOR_NOT_AVAILABLE.code()));
      }
      boolean removedAny = false;
      for (MemberIdentity identity : identities) {
        Errors error = leave(group, identity);
        removedAny |= error == Errors.NONE;
        results.add(memberResult(identity, error));
      }
      if (removedAny) {
        rebalancer.rebalanceAfterRemoval(group, "members left the group");
      }
    }
    return done(response(batched, results));
  }

  /** Before v3 the one member's error is the response's; from v3 each member has its own. */
  private static LeaveGroupResponseData response(boolean batched, List<MemberResponse> results) {
    if (!batched) {
      return new LeaveGroupResponseData().setErrorCode(results.get(0).errorCode());
    }
    return new LeaveGroupResponseData().setErrorCode(Errors.NONE.code()).setMembers(results);
  }

  private static MemberResponse memberResult(MemberIdentity identity, Errors error) {
    return new MemberResponse()
        .setMemberId(identity.memberId())
        .setGroupInstanceId(identity.groupInstanceId())
        .setErrorCode(error.code());
  }

  private Errors leave(ClassicGroup group, MemberIdentity identity) {
    String memberId = identity.memberId() == null ? "" : identity.memberId();
    String instanceId = identity.groupInstanceId();
    if (instanceId != null) {
      String current = group.staticMemberId(instanceId);
      if (current == null) {
        return Errors.UNKNOWN_MEMBER_ID;
      }
      if (!memberId.isEmpty() && !memberId.equals(current)) {
        return Errors.FENCED_INSTANCE_ID;
      }
      memberId = current;
    } else if (group.removePendingMember(memberId)) {
      rebalancer.cancelPendingMemberExpiry(group, memberId);
      return Errors.NONE;
    }
    ClassicMember member = group.member(memberId);
    if (member == null) {
      return Errors.UNKNOWN_MEMBER_ID;
    }
    rebalancer.dropMember(group, member);
    return Errors.NONE;
  }

  private static CompletableFuture<LeaveGroupResponseData> done(LeaveGroupResponseData response) {
    return CompletableFuture.completedFuture(response);
  }
}
