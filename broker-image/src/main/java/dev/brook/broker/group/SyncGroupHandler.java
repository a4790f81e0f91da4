package dev.brook.broker.group;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.SyncGroupRequestData;
import org.apache.kafka.common.message.SyncGroupRequestData.SyncGroupRequestAssignment;
import org.apache.kafka.common.message.SyncGroupResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SyncGroup: followers wait for the leader's assignment; the leader's SyncGroup persists the
 * generation's membership and assignment, then the group becomes Stable and every waiting member
 * gets its share. A failed write sends the group back into a rebalance.
 */
final class SyncGroupHandler {
  private static final Logger LOG = LoggerFactory.getLogger(SyncGroupHandler.class);

  private final Time time;
  private final GroupRegistry registry;
  private final Rebalancer rebalancer;
  private final GroupWriter writer;

  SyncGroupHandler(Time time, GroupRegistry registry, Rebalancer rebalancer, GroupWriter writer) {
    this.time = time;
    this.registry = registry;
    this.rebalancer = rebalancer;
    this.writer = writer;
  }

  CompletableFuture<SyncGroupResponseData> handle(
      RequestContext context, SyncGroupRequestData request) {
    Errors ownership = registry.ownership(request.groupId());
    if (ownership != Errors.NONE) {
      return failed(ownership);
    }
    ClassicGroup group = registry.get(request.groupId());
    if (group == null) {
      return failed(Errors.UNKNOWN_MEMBER_ID);
    }
    CompletableFuture<SyncGroupResponseData> future = new CompletableFuture<>();
    synchronized (group) {
      Errors error = validate(group, request);
      if (error != Errors.NONE) {
        future.complete(MembershipResponses.syncError(error));
      } else {
        sync(group, request, future);
      }
    }
    return future;
  }

  private static Errors validate(ClassicGroup group, SyncGroupRequestData request) {
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
    boolean typeMismatch =
        request.protocolType() != null && !request.protocolType().equals(group.protocolType());
    boolean nameMismatch =
        request.protocolName() != null && !request.protocolName().equals(group.protocolName());
    return typeMismatch || nameMismatch ? Errors.INCONSISTENT_GROUP_PROTOCOL : Errors.NONE;
  }

  private void sync(
      ClassicGroup group,
      SyncGroupRequestData request,
      CompletableFuture<SyncGroupResponseData> future) {
    ClassicMember member = group.member(request.memberId());
    switch (group.state()) {
      case EMPTY, DEAD -> future.complete(MembershipResponses.syncError(Errors.UNKNOWN_MEMBER_ID));
      case PREPARING_REBALANCE ->
          future.complete(MembershipResponses.syncError(Errors.REBALANCE_IN_PROGRESS));
      case COMPLETING_REBALANCE -> {
        member.awaitSync(future);
        group.removePendingSyncMember(member.memberId());
        rebalancer.scheduleHeartbeat(group, member, member.sessionTimeoutMs());
        if (group.isLeader(member.memberId())) {
          persistAssignment(group, assignments(request));
        }
      }
      case STABLE -> {
        group.removePendingSyncMember(member.memberId());
        rebalancer.scheduleHeartbeat(group, member, member.sessionTimeoutMs());
        future.complete(MembershipResponses.syncResult(group, member.assignment()));
      }
    }
  }

  private static Map<String, byte[]> assignments(SyncGroupRequestData request) {
    Map<String, byte[]> result = new HashMap<>();
    for (SyncGroupRequestAssignment assignment : request.assignments()) {
      result.put(assignment.memberId(), assignment.assignment());
    }
    return result;
  }

  private void persistAssignment(ClassicGroup group, Map<String, byte[]> assignments) {
    int generation = group.generationId();
    Map<String, byte[]> complete = new HashMap<>();
    // Members the leader left out get an empty assignment, as in Kafka.
    group.members().forEach(m -> complete.put(m.memberId(), new byte[0]));
    assignments.forEach(
        (memberId, bytes) -> {
          if (complete.containsKey(memberId)) {
            complete.put(memberId, bytes);
          }
        });
    writer
        .appendMembership(group, GroupWriter.metadataRecord(group, complete))
        .thenAccept(
            error -> {
              synchronized (group) {
                onAssignmentPersisted(group, generation, complete, error);
              }
            });
  }

  private void onAssignmentPersisted(
      ClassicGroup group, int generation, Map<String, byte[]> assignments, Errors error) {
    if (!group.isInState(GroupState.COMPLETING_REBALANCE) || group.generationId() != generation) {
      return;
    }
    if (error != Errors.NONE) {
      LOG.warn(
          "Failed to persist the assignment of group {} generation {}: {}",
          group.groupId(),
          generation,
          error);
      rebalancer.resetAndFailAwaitingSync(group, error);
      rebalancer.prepareRebalance(group, "failed to persist the assignment: " + error);
      return;
    }
    for (ClassicMember member : group.members()) {
      member.setAssignment(assignments.get(member.memberId()));
      member.completeSync(MembershipResponses.syncResult(group, member.assignment()));
    }
    group.transitionTo(GroupState.STABLE, time.milliseconds());
    LOG.info("Group {} is stable at generation {}", group.groupId(), generation);
  }

  private static CompletableFuture<SyncGroupResponseData> failed(Errors error) {
    return CompletableFuture.completedFuture(MembershipResponses.syncError(error));
  }
}
