package dev.brook.broker.group;

import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.HeartbeatRequestData;
import org.apache.kafka.common.message.HeartbeatResponseData;
import org.apache.kafka.common.protocol.Errors;

/**
 * Heartbeat: keeps a member's session alive and tells it when to rejoin (REBALANCE_IN_PROGRESS).
 */
final class HeartbeatHandler {
  private final GroupRegistry registry;
  private final Rebalancer rebalancer;

  HeartbeatHandler(GroupRegistry registry, Rebalancer rebalancer) {
    this.registry = registry;
    this.rebalancer = rebalancer;
  }

  CompletableFuture<HeartbeatResponseData> handle(
      RequestContext context, HeartbeatRequestData request) {
    return CompletableFuture.completedFuture(
        new HeartbeatResponseData().setErrorCode(heartbeat(request).code()));
  }

  private Errors heartbeat(HeartbeatRequestData request) {
    Errors ownership = registry.ownership(request.groupId());
    if (ownership != Errors.NONE) {
      return ownership;
    }
    ClassicGroup group = registry.get(request.groupId());
    if (group == null) {
      return Errors.UNKNOWN_MEMBER_ID;
    }
    synchronized (group) {
      if (group.isInState(GroupState.DEAD)) {
        return Errors.COORDINATOR_NOT_AVAILABLE;
      }
      Errors identity = group.validateMember(request.memberId(), request.groupInstanceId());
      if (identity != Errors.NONE) {
        return identity;
      }
      if (request.generationId() != group.generationId()) {
        return Errors.ILLEGAL_GENERATION;
      }
      ClassicMember member = group.member(request.memberId());
      return switch (group.state()) {
        case EMPTY, DEAD -> Errors.UNKNOWN_MEMBER_ID;
        case PREPARING_REBALANCE -> {
          rebalancer.scheduleHeartbeat(group, member, member.sessionTimeoutMs());
          yield Errors.REBALANCE_IN_PROGRESS;
        }
        case COMPLETING_REBALANCE, STABLE -> {
          rebalancer.scheduleHeartbeat(group, member, member.sessionTimeoutMs());
          yield Errors.NONE;
        }
      };
    }
  }
}
