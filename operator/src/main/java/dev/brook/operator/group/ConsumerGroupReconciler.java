package dev.brook.operator.group;

import dev.brook.operator.api.ConditionReason;
import dev.brook.operator.api.Conditions;
import dev.brook.operator.api.ConsumerGroup;
import dev.brook.operator.api.ConsumerGroupStatus;
import dev.brook.operator.api.DeletionPolicy;
import dev.brook.operator.api.GroupMemberStatus;
import dev.brook.operator.api.OffsetResetSpec;
import dev.brook.operator.api.PartitionLag;
import dev.brook.operator.events.EventPublisher;
import dev.brook.operator.events.ReadyTransitions;
import dev.brook.operator.kafka.AdminClients;
import dev.brook.operator.kafka.ClusterTarget;
import dev.brook.operator.kafka.KafkaCallException;
import dev.brook.operator.status.Outcome;
import dev.brook.operator.status.ReconciliationPause;
import dev.brook.operator.status.StatusPatches;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports a consumer group's state, members and lag, and applies declarative offset resets.
 *
 * <ol>
 *   <li>Resolve the Cluster to its bootstrap address.
 *   <li>Describe the group.
 *   <li>If {@code spec.offsetReset.requestId} was not applied yet: apply it when the group has no
 *       members, else report why it waits. The applied id is kept in status, so a reset runs once.
 *   <li>Read committed and end offsets and report the lag per partition; refresh periodically.
 * </ol>
 */
@ControllerConfiguration(name = "consumergroup")
public class ConsumerGroupReconciler implements Reconciler<ConsumerGroup>, Cleaner<ConsumerGroup> {

  private static final Logger LOG = LoggerFactory.getLogger(ConsumerGroupReconciler.class);

  private final AdminClients admins;

  public ConsumerGroupReconciler(AdminClients admins) {
    this.admins = admins;
  }

  @Override
  public UpdateControl<ConsumerGroup> reconcile(
      ConsumerGroup group, Context<ConsumerGroup> context) {
    if (ReconciliationPause.isPaused(group)) {
      return ReconciliationPause.hold(
          group, ConsumerGroupStatus.class, ConsumerGroupStatus::new, ConsumerGroup::new);
    }
    ConsumerGroupStatus previous = group.getStatus();
    ConsumerGroupStatus status = new ConsumerGroupStatus();
    status.setGroupId(group.groupId());
    status.setAppliedResetRequestId(previous == null ? null : previous.getAppliedResetRequestId());
    Outcome outcome = sync(group, context, status);
    long generation = group.getMetadata().getGeneration();
    status.setObservedGeneration(generation);
    status.setConditions(
        Conditions.outcome(
            previous == null ? null : previous.getConditions(),
            outcome.reason(),
            outcome.message(),
            generation));
    ReadyTransitions.announce(
        new EventPublisher(context.getClient()),
        group,
        previous == null ? null : previous.getConditions(),
        outcome);
    return StatusPatches.patchIfChanged(group, status, ConsumerGroup::new, outcome);
  }

  private Outcome sync(
      ConsumerGroup group, Context<ConsumerGroup> context, ConsumerGroupStatus status) {
    ClusterTarget target = resolveCluster(group, context);
    if (target.problem().isPresent()) {
      return Outcome.transientProblem(target.problem().get(), target.message());
    }
    GroupOperations ops = operations(target);
    try {
      Optional<ConsumerGroupDescription> description = ops.describe(group.groupId());
      Outcome resetOutcome = applyPendingReset(group, description, ops, status);
      report(group.groupId(), ops.describe(group.groupId()), ops, status);
      return resetOutcome;
    } catch (KafkaCallException e) {
      LOG.info(
          "ConsumerGroup {}/{}: {}",
          group.getMetadata().getNamespace(),
          group.getMetadata().getName(),
          e.getMessage());
      return e.retriable() || GroupOperations.isNotEmpty(e)
          ? Outcome.transientProblem(ConditionReason.KafkaUnavailable, e.getMessage())
          : Outcome.specProblem(ConditionReason.InvalidSpec, e.getMessage());
    } catch (DateTimeParseException e) {
      return Outcome.specProblem(
          ConditionReason.InvalidSpec,
          "spec.offsetReset.timestamp: not an RFC 3339 time: " + e.getParsedString());
    }
  }

  private static Outcome applyPendingReset(
      ConsumerGroup group,
      Optional<ConsumerGroupDescription> description,
      GroupOperations ops,
      ConsumerGroupStatus status) {
    OffsetResetSpec reset = group.getSpec().getOffsetReset();
    if (reset == null || reset.getRequestId().equals(status.getAppliedResetRequestId())) {
      return Outcome.reconciled("group " + group.groupId() + " observed");
    }
    int members = description.map(d -> d.members().size()).orElse(0);
    if (members > 0) {
      return Outcome.transientProblem(
          ConditionReason.ResetWaitingForEmptyGroup,
          "offset reset "
              + reset.getRequestId()
              + " waits: the group has "
              + members
              + " members; stop the consumers to apply it");
    }
    Map<TopicPartition, Long> target =
        OffsetResetPlanner.plan(reset, ops.committed(group.groupId()), ops);
    ops.commit(group.groupId(), target);
    status.setAppliedResetRequestId(reset.getRequestId());
    LOG.info(
        "ConsumerGroup {}/{}: applied offset reset {} to {} partitions",
        group.getMetadata().getNamespace(),
        group.getMetadata().getName(),
        reset.getRequestId(),
        target.size());
    return new Outcome(
        ConditionReason.ResetApplied,
        "offset reset " + reset.getRequestId() + " applied to " + target.size() + " partitions",
        Outcome.REFRESH);
  }

  private static void report(
      String groupId,
      Optional<ConsumerGroupDescription> description,
      GroupOperations ops,
      ConsumerGroupStatus status) {
    status.setState(
        description.map(d -> d.groupState().toString()).orElse(GroupState.DEAD.toString()));
    status.setMembers(description.map(ConsumerGroupReconciler::members).orElse(List.of()));
    Map<TopicPartition, Long> committed = ops.committed(groupId);
    List<PartitionLag> lags =
        GroupLag.of(committed, ops.offsets(committed.keySet(), OffsetSpec.latest()));
    status.setOffsets(lags);
    status.setTotalLag(GroupLag.total(lags));
  }

  private static List<GroupMemberStatus> members(ConsumerGroupDescription description) {
    return description.members().stream()
        .sorted(java.util.Comparator.comparing(MemberDescription::consumerId))
        .map(ConsumerGroupReconciler::member)
        .toList();
  }

  private static GroupMemberStatus member(MemberDescription description) {
    GroupMemberStatus member = new GroupMemberStatus();
    member.setMemberId(description.consumerId());
    member.setClientId(description.clientId());
    member.setHost(description.host());
    member.setAssignments(
        description.assignment().topicPartitions().stream()
            .map(TopicPartition::toString)
            .sorted()
            .toList());
    return member;
  }

  @Override
  public DeleteControl cleanup(ConsumerGroup group, Context<ConsumerGroup> context) {
    if (group.getSpec().getDeletionPolicy() != DeletionPolicy.Delete) {
      return DeleteControl.defaultDelete();
    }
    ClusterTarget target = resolveCluster(group, context);
    if (target.clusterGone()) {
      return DeleteControl.defaultDelete();
    }
    try {
      if (target.problem().isEmpty()) {
        operations(target).delete(group.groupId());
        return DeleteControl.defaultDelete();
      }
    } catch (KafkaCallException e) {
      LOG.warn(
          "ConsumerGroup {}/{}: deleting group {} failed, retrying: {}",
          group.getMetadata().getNamespace(),
          group.getMetadata().getName(),
          group.groupId(),
          e.getMessage());
    }
    return DeleteControl.noFinalizerRemoval().rescheduleAfter(Outcome.TRANSIENT_RETRY.toMillis());
  }

  private static ClusterTarget resolveCluster(ConsumerGroup group, Context<ConsumerGroup> context) {
    return ClusterTarget.resolve(
        context.getClient(), group.getMetadata().getNamespace(), group.getSpec().getCluster());
  }

  private GroupOperations operations(ClusterTarget target) {
    return new GroupOperations(admins.forTarget(target));
  }
}
