package dev.brook.operator.cluster;

import dev.brook.operator.api.PartitionMovesStatus;
import dev.brook.operator.reassign.ClusterLayout;
import dev.brook.operator.reassign.CopyProgress;
import dev.brook.operator.reassign.MoveProgress;
import dev.brook.operator.reassign.MoveStep;
import dev.brook.operator.reassign.PartitionMover;
import dev.brook.operator.reassign.ReplicationThrottles;
import dev.brook.placement.BrokerInfo;
import dev.brook.placement.ClusterView;
import dev.brook.placement.DrainPlan;
import dev.brook.placement.Placement;
import dev.brook.placement.ReassignmentPlan;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.Admin;

/**
 * The three partition-moving operations of a Cluster, each planned by {@code placement/} against
 * the settled assignment and applied by {@link PartitionMover} in batches:
 *
 * <ul>
 *   <li><b>Heal</b>: every replica on a lost broker moves to a live one (same rack first);
 *   <li><b>Drain</b>: every replica on a leaving broker (scale-down) moves to a remaining one;
 *   <li><b>Rebalance</b>: replicas and preferred leaders move onto under-loaded brokers (new ones,
 *       or one back from being lost) when the cluster is far enough from the balance its racks
 *       allow ({@link Placement#isBalanced}); a rebalance that started runs to its end.
 * </ul>
 *
 * Each returns the moves' progress while there is work, empty once the plan is done; progress
 * counts survive in status ({@link PartitionMovesStatus}). With {@code
 * spec.healing.throttleBytesPerSecond} the copying is throttled ({@link ReplicationThrottles}).
 */
final class PartitionOperations {

  static final String HEAL = "Heal";
  static final String DRAIN = "Drain";
  static final String REBALANCE = "Rebalance";

  private final Admin admin;
  private final ClusterLayout layout;
  private final int maxConcurrentMoves;
  private final long throttleBytesPerSecond;
  private final Optional<PartitionMovesStatus> previous;
  private final Instant now;
  private final SortedSet<String> stuck = new TreeSet<>();

  PartitionOperations(
      Admin admin,
      ClusterLayout layout,
      int maxConcurrentMoves,
      long throttleBytesPerSecond,
      Optional<PartitionMovesStatus> previous,
      Instant now) {
    this.admin = admin;
    this.layout = layout;
    this.maxConcurrentMoves = maxConcurrentMoves;
    this.throttleBytesPerSecond = throttleBytesPerSecond;
    this.previous = previous;
    this.now = now;
  }

  /** Moves the replicas of {@code lost} brokers (with their racks) to live brokers. */
  Optional<PartitionMovesStatus> heal(Map<Integer, Optional<String>> lost, Set<Integer> leaving) {
    return moveOff(HEAL, lost, leaving);
  }

  /** Moves the replicas of {@code leaving} brokers (with their racks) to the remaining ones. */
  Optional<PartitionMovesStatus> drain(Map<Integer, Optional<String>> leaving, Set<Integer> lost) {
    return moveOff(DRAIN, leaving, lost);
  }

  private Optional<PartitionMovesStatus> moveOff(
      String operation, Map<Integer, Optional<String>> brokers, Set<Integer> alsoExcluded) {
    Set<Integer> excluded = new TreeSet<>(brokers.keySet());
    excluded.addAll(alsoExcluded);
    ClusterView targets = layout.view(excluded);
    List<BrokerInfo> off =
        brokers.entrySet().stream().map(e -> new BrokerInfo(e.getKey(), e.getValue())).toList();
    DrainPlan drain = Placement.planDrainWherePossible(off, targets, layout.settledAssignment());
    stuck.addAll(drain.stuck().stream().map(Object::toString).toList());
    // A reassignment completes only once every target replica is in the ISR: one that keeps a
    // replica on a broker that is down would never finish, so it waits for that broker.
    Set<Integer> live = layout.liveBrokers().keySet();
    drain.plan().reassignments().entrySet().stream()
        .filter(e -> !live.containsAll(e.getValue().targetReplicas()))
        .forEach(e -> stuck.add(e.getKey().toString()));
    return run(
        operation,
        brokers.keySet(),
        drain.plan().filter((partition, move) -> live.containsAll(move.targetReplicas())));
  }

  /**
   * Rebalances over the live brokers except {@code excluded} when they are out of balance, or
   * finishes a rebalance that is running.
   */
  Optional<PartitionMovesStatus> rebalance(Set<Integer> excluded) {
    ClusterView brokers = layout.view(excluded);
    boolean running = previous.map(p -> REBALANCE.equals(p.getOperation())).orElse(false);
    ReassignmentPlan plan = Placement.planRebalance(brokers, layout.settledAssignment());
    if (!running && Placement.isBalanced(brokers, layout.settledAssignment(), plan)) {
      return Optional.empty();
    }
    return run(REBALANCE, brokers.brokerIds(), plan);
  }

  /**
   * Partitions the last heal or drain could not move: every broker that remains holds a replica of
   * them already (fewer live brokers than their replication factor), or they keep a replica on a
   * broker that is down.
   */
  SortedSet<String> stuck() {
    return stuck;
  }

  /** Lifts the replication throttles the moves had (nothing moves any more). */
  void clearThrottles() {
    Set<String> topics = new TreeSet<>();
    layout.partitions().keySet().forEach(p -> topics.add(p.topic()));
    ReplicationThrottles.clear(admin, layout.liveBrokers().keySet(), topics);
  }

  /** Whether a rebalance would have work to do now. */
  boolean rebalanceNeeded(Set<Integer> excluded) {
    return !Placement.isBalanced(layout.view(excluded), layout.settledAssignment());
  }

  private Optional<PartitionMovesStatus> run(
      String operation, Set<Integer> brokers, ReassignmentPlan plan) {
    if (plan.isEmpty() && layout.moving().isEmpty()) {
      return Optional.empty();
    }
    if (throttleBytesPerSecond > 0) {
      Set<String> topics = new TreeSet<>();
      plan.reassignments().keySet().forEach(p -> topics.add(p.topic()));
      layout.moving().keySet().forEach(p -> topics.add(p.topic()));
      ReplicationThrottles.apply(
          admin, layout.liveBrokers().keySet(), topics, throttleBytesPerSecond);
    }
    MoveStep step = PartitionMover.step(admin, layout, plan, maxConcurrentMoves);
    if (step.finished()) {
      return Optional.empty();
    }
    PartitionMovesStatus status =
        MoveProgress.of(operation, new ArrayList<>(new TreeSet<>(brokers)), step, previous, now);
    return Optional.of(MoveProgress.withCopy(status, CopyProgress.read(admin, layout)));
  }
}
