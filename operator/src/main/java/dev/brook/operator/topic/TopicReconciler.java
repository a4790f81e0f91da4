package dev.brook.operator.topic;

import dev.brook.operator.api.ConditionReason;
import dev.brook.operator.api.Conditions;
import dev.brook.operator.api.DeletionPolicy;
import dev.brook.operator.api.PartitionMovesStatus;
import dev.brook.operator.api.Topic;
import dev.brook.operator.api.TopicSpec;
import dev.brook.operator.api.TopicStatus;
import dev.brook.operator.events.EventPublisher;
import dev.brook.operator.events.ReadyTransitions;
import dev.brook.operator.kafka.AdminClients;
import dev.brook.operator.kafka.ClusterTarget;
import dev.brook.operator.kafka.ConfigDiff;
import dev.brook.operator.kafka.KafkaCallException;
import dev.brook.operator.reassign.ReplicationThrottles;
import dev.brook.operator.status.Outcome;
import dev.brook.operator.status.ReconciliationPause;
import dev.brook.operator.status.StatusPatches;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a Kafka topic match its Topic resource through the Admin API of the referenced Cluster.
 *
 * <ol>
 *   <li>Resolve the Cluster to its bootstrap address (missing or not ready: report and wait).
 *   <li>Give way when an older Topic resource names the same Kafka topic (conflict).
 *   <li>Create the topic, or change its replication factor by reassignment ({@link
 *       ReplicationFactorChange}; partitions grow once it is done), grow its partitions and apply
 *       config changes incrementally.
 *   <li>Read the topic back and report replicas, leaders, ISR and racks; refresh periodically.
 * </ol>
 *
 * The finalizer deletes the topic unless {@code deletionPolicy: Retain}, and only when this
 * resource owns the topic.
 */
@ControllerConfiguration(name = "topic")
public class TopicReconciler implements Reconciler<Topic>, Cleaner<Topic> {

  private static final Logger LOG = LoggerFactory.getLogger(TopicReconciler.class);

  private final AdminClients admins;

  public TopicReconciler(AdminClients admins) {
    this.admins = admins;
  }

  @Override
  public UpdateControl<Topic> reconcile(Topic topic, Context<Topic> context) {
    if (ReconciliationPause.isPaused(topic)) {
      return ReconciliationPause.hold(topic, TopicStatus.class, TopicStatus::new, Topic::new);
    }
    TopicStatus status = new TopicStatus();
    status.setTopicName(topic.topicName());
    Outcome outcome = sync(topic, context, status);
    long generation = topic.getMetadata().getGeneration();
    status.setObservedGeneration(generation);
    TopicStatus previous = topic.getStatus();
    status.setConditions(
        Conditions.outcome(
            previous == null ? null : previous.getConditions(),
            outcome.reason(),
            outcome.message(),
            generation));
    ReadyTransitions.announce(
        new EventPublisher(context.getClient()),
        topic,
        previous == null ? null : previous.getConditions(),
        outcome);
    return StatusPatches.patchIfChanged(topic, status, Topic::new, outcome);
  }

  private Outcome sync(Topic topic, Context<Topic> context, TopicStatus status) {
    ClusterTarget target = resolveCluster(topic, context);
    if (target.problem().isPresent()) {
      return Outcome.transientProblem(target.problem().get(), target.message());
    }
    Optional<Topic> owner =
        TopicOwnership.otherOwner(
            topic, context.getPrimaryCache().list(topic.getMetadata().getNamespace()));
    if (owner.isPresent()) {
      return Outcome.specProblem(
          ConditionReason.Conflict,
          "topic '"
              + topic.topicName()
              + "' is managed by Topic "
              + owner.get().getMetadata().getName());
    }
    Admin admin = admins.forTarget(target);
    TopicOperations ops = new TopicOperations(admin);
    try {
      Collection<Node> brokers = ops.brokers();
      Optional<TopicDescription> existing = ops.describe(topic.topicName());
      if (existing.isPresent()) {
        Optional<PartitionMovesStatus> previous =
            Optional.ofNullable(topic.getStatus()).map(TopicStatus::getPartitionMoves);
        int replicationFactor = topic.getSpec().getReplicationFactor();
        if (ReplicationFactorChange.needed(existing.get(), replicationFactor, previous)) {
          Optional<ReplicationFactorChange.Step> change =
              ReplicationFactorChange.step(
                  admin,
                  topic.topicName(),
                  replicationFactor,
                  target.cluster().orElseThrow(),
                  previous,
                  Instant.now());
          if (change.isPresent()) {
            applyConfig(topic.topicName(), topic.getSpec(), ops);
            status.setPartitionMoves(change.get().moves().orElse(null));
            ops.describe(topic.topicName()).ifPresent(d -> report(d, brokers, status));
            return change.get().outcome();
          }
        }
      }
      Outcome outcome =
          existing.isEmpty()
              ? create(topic.topicName(), topic.getSpec(), brokers, ops)
              : update(topic.topicName(), topic.getSpec(), existing.get(), ops);
      ops.describe(topic.topicName()).ifPresent(d -> report(d, brokers, status));
      return outcome;
    } catch (KafkaCallException e) {
      LOG.info(
          "Topic {}/{}: {}",
          topic.getMetadata().getNamespace(),
          topic.getMetadata().getName(),
          e.getMessage());
      return e.retriable()
          ? Outcome.transientProblem(ConditionReason.KafkaUnavailable, e.getMessage())
          : Outcome.specProblem(ConditionReason.InvalidSpec, e.getMessage());
    }
  }

  private static Outcome create(
      String name, TopicSpec spec, Collection<Node> brokers, TopicOperations ops) {
    if (spec.getReplicationFactor() > brokers.size()) {
      return Outcome.specProblem(
          ConditionReason.ReplicationFactorTooLarge,
          "spec.replicationFactor "
              + spec.getReplicationFactor()
              + " exceeds the "
              + brokers.size()
              + " live brokers");
    }
    ops.create(name, spec.getPartitions(), (short) spec.getReplicationFactor(), spec.getConfig());
    return Outcome.reconciled("created topic " + name);
  }

  private static Outcome update(
      String name, TopicSpec spec, TopicDescription existing, TopicOperations ops) {
    int partitions = existing.partitions().size();
    if (partitions > spec.getPartitions()) {
      return Outcome.specProblem(
          ConditionReason.InvalidSpec,
          "spec.partitions "
              + spec.getPartitions()
              + " is below the topic's "
              + partitions
              + "; partitions never shrink");
    }
    if (partitions < spec.getPartitions()) {
      ops.growPartitions(name, spec.getPartitions());
    }
    applyConfig(name, spec, ops);
    return Outcome.reconciled("topic " + name + " matches the spec");
  }

  private static void applyConfig(String name, TopicSpec spec, TopicOperations ops) {
    var changes =
        ConfigDiff.between(
            ops.dynamicConfig(name), spec.getConfig(), ReplicationThrottles.TOPIC_KEYS);
    if (!changes.isEmpty()) {
      ops.alterConfig(name, changes);
    }
  }

  private static void report(
      TopicDescription description, Collection<Node> brokers, TopicStatus status) {
    status.setTopicId(description.topicId().toString());
    status.setPartitions(TopicStatusMapper.partitions(description, brokers));
    status.setRacks(TopicStatusMapper.racks(status.getPartitions()));
  }

  @Override
  public DeleteControl cleanup(Topic topic, Context<Topic> context) {
    if (topic.getSpec().getDeletionPolicy() == DeletionPolicy.Retain) {
      return DeleteControl.defaultDelete();
    }
    ClusterTarget target = resolveCluster(topic, context);
    if (target.clusterGone()) {
      // The cluster and its volumes are gone: nothing is left to delete.
      return DeleteControl.defaultDelete();
    }
    if (target.problem().isPresent()) {
      return DeleteControl.noFinalizerRemoval().rescheduleAfter(Outcome.TRANSIENT_RETRY.toMillis());
    }
    if (TopicOwnership.otherOwner(
            topic, context.getPrimaryCache().list(topic.getMetadata().getNamespace()))
        .isPresent()) {
      return DeleteControl.defaultDelete();
    }
    try {
      operations(target).delete(topic.topicName());
      return DeleteControl.defaultDelete();
    } catch (KafkaCallException e) {
      LOG.warn(
          "Topic {}/{}: deletion of {} failed, retrying: {}",
          topic.getMetadata().getNamespace(),
          topic.getMetadata().getName(),
          topic.topicName(),
          e.getMessage());
      return DeleteControl.noFinalizerRemoval().rescheduleAfter(Outcome.TRANSIENT_RETRY.toMillis());
    }
  }

  private static ClusterTarget resolveCluster(Topic topic, Context<Topic> context) {
    return ClusterTarget.resolve(
        context.getClient(), topic.getMetadata().getNamespace(), topic.getSpec().getCluster());
  }

  private TopicOperations operations(ClusterTarget target) {
    return new TopicOperations(admins.forTarget(target));
  }
}
