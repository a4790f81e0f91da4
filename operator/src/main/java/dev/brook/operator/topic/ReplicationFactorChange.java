package dev.brook.operator.topic;

import dev.brook.operator.api.Cluster;
import dev.brook.operator.api.ClusterStatus;
import dev.brook.operator.api.ConditionReason;
import dev.brook.operator.api.PartitionMovesStatus;
import dev.brook.operator.reassign.ClusterLayout;
import dev.brook.operator.reassign.ClusterLayoutReader;
import dev.brook.operator.reassign.CopyProgress;
import dev.brook.operator.reassign.MoveProgress;
import dev.brook.operator.reassign.MoveStep;
import dev.brook.operator.reassign.PartitionMover;
import dev.brook.operator.status.Outcome;
import dev.brook.placement.ClusterView;
import dev.brook.placement.Placement;
import dev.brook.placement.ReassignmentPlan;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;

/**
 * Brings a topic's partitions to the replication factor of its spec: {@code placement/} plans the
 * replicas to add (racks the partition lacks first) or remove, and {@link PartitionMover} applies
 * them in batches of the Cluster's {@code spec.healing.maxConcurrentMoves}. Like the Cluster's
 * operations it starts from the cluster's own record each time (the topic's replicas and its
 * reassignments in flight), so a restarted operator finishes the change. It waits while the Cluster
 * heals, drains or rebalances, one disruptive operation at a time.
 */
final class ReplicationFactorChange {

  static final String OPERATION = "ReplicationFactor";

  private ReplicationFactorChange() {}

  /**
   * The change's progress, or empty when every partition has the spec's replication factor and
   * nothing of the topic is moving.
   */
  record Step(Outcome outcome, Optional<PartitionMovesStatus> moves) {}

  static boolean needed(TopicDescription topic, int replicationFactor, Optional<?> previousMoves) {
    return previousMoves.isPresent()
        || topic.partitions().stream().anyMatch(p -> p.replicas().size() != replicationFactor);
  }

  static Optional<Step> step(
      Admin admin,
      String topic,
      int replicationFactor,
      Cluster cluster,
      Optional<PartitionMovesStatus> previous,
      Instant now) {
    Optional<PartitionMovesStatus> clusterMoves =
        Optional.ofNullable(cluster.getStatus()).map(ClusterStatus::getPartitionMoves);
    if (clusterMoves.isPresent()) {
      return Optional.of(
          new Step(
              Outcome.moving(
                  ConditionReason.ChangingReplicationFactor,
                  "replication factor "
                      + replicationFactor
                      + " waits for the Cluster's "
                      + clusterMoves.get().getOperation()
                      + " to finish"),
              previous));
    }
    ClusterLayout layout = ofTopic(ClusterLayoutReader.read(admin), topic);
    int brokers = cluster.getSpec().getReplicas();
    Set<Integer> leaving =
        layout.liveBrokers().keySet().stream()
            .filter(id -> id >= brokers)
            .collect(Collectors.toSet());
    ClusterView view = layout.view(leaving);
    if (replicationFactor > view.size()) {
      return Optional.of(
          new Step(
              Outcome.specProblem(
                  ConditionReason.ReplicationFactorTooLarge,
                  "spec.replicationFactor "
                      + replicationFactor
                      + " exceeds the "
                      + view.size()
                      + " live brokers that stay "
                      + view.brokerIds()),
              Optional.empty()));
    }
    ReassignmentPlan plan =
        Placement.planReplicationFactor(topic, replicationFactor, view, layout.settledAssignment());
    if (plan.isEmpty() && layout.moving().isEmpty()) {
      return Optional.empty();
    }
    MoveStep step =
        PartitionMover.step(
            admin, layout, plan, cluster.getSpec().getHealing().getMaxConcurrentMoves());
    if (step.finished()) {
      return Optional.empty();
    }
    PartitionMovesStatus moves =
        MoveProgress.withCopy(
            MoveProgress.of(OPERATION, List.of(), step, previous, now),
            CopyProgress.read(admin, layout));
    return Optional.of(
        new Step(
            Outcome.moving(
                ConditionReason.ChangingReplicationFactor,
                "changing the replication factor to "
                    + replicationFactor
                    + ": "
                    + MoveProgress.describe(moves)),
            Optional.of(moves)));
  }

  /** The layout with only this topic's reassignments in flight, so others' do not count. */
  private static ClusterLayout ofTopic(ClusterLayout layout, String topic) {
    return new ClusterLayout(
        layout.liveBrokers(),
        layout.partitions(),
        new TreeMap<>(
            layout.moving().entrySet().stream()
                .filter(e -> e.getKey().topic().equals(topic))
                .collect(Collectors.toMap(e -> e.getKey(), e -> e.getValue()))));
  }
}
