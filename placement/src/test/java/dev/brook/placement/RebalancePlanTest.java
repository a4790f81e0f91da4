package dev.brook.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Properties of {@link Placement#planRebalance} over scale-ups of random clusters. */
class RebalancePlanTest {

  @Provide
  Arbitrary<ClusterView> clusters() {
    return Generators.clusters(2, 12);
  }

  @Provide
  Arbitrary<ClusterView> evenClusters() {
    return Generators.evenlyRackedClusters();
  }

  @Provide
  Arbitrary<List<int[]>> topics() {
    return Generators.topicShapes();
  }

  /** A scale-up: the last {@code added} brokers of the view join after the topics were placed. */
  private record ScaleUp(ClusterView cluster, Set<Integer> added, ReplicaAssignment assignment) {

    static ScaleUp of(ClusterView cluster, int added, List<int[]> topics) {
      List<Integer> ids = new ArrayList<>(cluster.brokerIds());
      Set<Integer> addedIds =
          new TreeSet<>(ids.subList(Math.max(1, ids.size() - added), ids.size()));
      ClusterView before = cluster.without(addedIds);
      return new ScaleUp(cluster, addedIds, Generators.placedAssignment(before, topics));
    }

    /** The assignment after a rebalance in which every broker may receive. */
    ReplicaAssignment rebalancedOverAll() {
      return Placement.planRebalance(cluster, assignment).applyTo(assignment);
    }
  }

  @Property
  void shouldKeepDistinctBrokersAndRackSpreadAndOnlyFillAddedBrokers(
      @ForAll("clusters") ClusterView cluster,
      @ForAll @IntRange(min = 1, max = 4) int added,
      @ForAll("topics") List<int[]> topics) {
    ScaleUp scaleUp = ScaleUp.of(cluster, added, topics);

    ReassignmentPlan plan = Placement.planRebalance(scaleUp.added(), cluster, scaleUp.assignment());

    plan.reassignments()
        .forEach(
            (partition, move) -> {
              assertThat(move.targetReplicas())
                  .hasSameSizeAs(move.currentReplicas())
                  .doesNotHaveDuplicates();
              assertThat(scaleUp.added()).containsAll(move.addingReplicas());
              assertThat(Balance.distinctRacks(cluster, move.targetReplicas()))
                  .as("%s %s", partition, move)
                  .isGreaterThanOrEqualTo(Balance.distinctRacks(cluster, move.currentReplicas()));
            });
  }

  @Property
  void shouldMoveNoMoreReplicasThanTheImbalanceRequires(
      @ForAll("clusters") ClusterView cluster,
      @ForAll @IntRange(min = 1, max = 4) int added,
      @ForAll("topics") List<int[]> topics) {
    ScaleUp scaleUp = ScaleUp.of(cluster, added, topics);
    Map<Integer, Integer> before = Balance.replicaCounts(cluster, scaleUp.assignment());

    ReassignmentPlan plan = Placement.planRebalance(scaleUp.added(), cluster, scaleUp.assignment());

    int excess = Balance.excessAboveCeil(before);
    int shortfall = Balance.shortfallBelowFloor(before, scaleUp.added());
    // Without racks every move lowers both where both are positive; a rack can block that pair.
    int bound = cluster.rackCount() == 1 ? Math.max(excess, shortfall) : excess + shortfall;
    assertThat(plan.movedReplicaCount()).isLessThanOrEqualTo(bound);
  }

  @Property
  void shouldEndWithReplicasWithinOneOfTheMeanWithTheLeastMovesWithoutRacks(
      @ForAll("evenClusters") ClusterView cluster,
      @ForAll @IntRange(min = 1, max = 4) int added,
      @ForAll("topics") List<int[]> topics) {
    Assume.that(cluster.size() > 1);
    Assume.that(cluster.rackCount() == 1);
    ScaleUp scaleUp = ScaleUp.of(cluster, added, topics);
    Map<Integer, Integer> before = Balance.replicaCounts(cluster, scaleUp.assignment());

    ReassignmentPlan plan = Placement.planRebalance(scaleUp.added(), cluster, scaleUp.assignment());
    ReplicaAssignment after = plan.applyTo(scaleUp.assignment());

    assertThat(Balance.withinOneOfMean(Balance.replicaCounts(cluster, after)))
        .as("replicas per broker %s -> %s", before, Balance.replicaCounts(cluster, after))
        .isTrue();
    assertThat(plan.movedReplicaCount())
        .isEqualTo(
            Math.max(
                Balance.excessAboveCeil(before),
                Balance.shortfallBelowFloor(before, scaleUp.added())));
  }

  @Property
  void shouldLeavePreferredLeadersAsEvenAsTheNewReplicaSetsAllow(
      @ForAll("clusters") ClusterView cluster,
      @ForAll @IntRange(min = 1, max = 4) int added,
      @ForAll("topics") List<int[]> topics) {
    ScaleUp scaleUp = ScaleUp.of(cluster, added, topics);

    ReplicaAssignment after =
        Placement.planRebalance(scaleUp.added(), cluster, scaleUp.assignment())
            .applyTo(scaleUp.assignment());

    int leastMaximum = new LeaderOptimum(cluster, ReplicaAssignment.empty(), after).leastMaximum();
    assertThat(Balance.leaderCounts(cluster, after).values())
        .as("leaders per broker")
        .allMatch(count -> count <= leastMaximum);
  }

  @Property
  void shouldBalanceAnyAssignmentWhenEveryBrokerMayReceive(
      @ForAll("clusters") ClusterView racked, @ForAll long seed) {
    ClusterView cluster =
        ClusterView.of(racked.brokerIds().stream().map(BrokerInfo::withoutRack).toList());
    ReplicaAssignment assignment = Generators.randomAssignment(cluster, seed);
    Map<Integer, Integer> before = Balance.replicaCounts(cluster, assignment);

    ReassignmentPlan plan = Placement.planRebalance(cluster, assignment);
    ReplicaAssignment after = plan.applyTo(assignment);

    assertThat(Balance.withinOneOfMean(Balance.replicaCounts(cluster, after))).isTrue();
    assertThat(plan.movedReplicaCount())
        .isEqualTo(
            Math.max(
                Balance.excessAboveCeil(before),
                Balance.shortfallBelowFloor(before, cluster.brokerIds())));
  }

  @Property
  void shouldGiveEqualPlansForEqualInputs(
      @ForAll("clusters") ClusterView cluster,
      @ForAll @IntRange(min = 1, max = 4) int added,
      @ForAll("topics") List<int[]> topics) {
    ScaleUp scaleUp = ScaleUp.of(cluster, added, topics);

    assertThat(
            Placement.planRebalance(scaleUp.added(), cluster, scaleUp.assignment()).reassignments())
        .isEqualTo(
            Placement.planRebalance(scaleUp.added(), cluster, scaleUp.assignment())
                .reassignments());
  }

  @Property
  void shouldRefuseAnAddedBrokerOutsideTheView(@ForAll("clusters") ClusterView cluster) {
    assertThatThrownBy(
            () -> Placement.planRebalance(Set.of(1000), cluster, ReplicaAssignment.empty()))
        .isInstanceOf(PlacementException.class)
        .extracting(e -> ((PlacementException) e).rule())
        .isEqualTo(PlacementException.Rule.KNOWN_BROKER);
  }

  /** Racks can make the cluster-wide mean unreachable; within a rack the mean is reachable. */
  @Property
  void shouldEvenOutTheBrokersOfEachRack(
      @ForAll("clusters") ClusterView cluster,
      @ForAll @IntRange(min = 1, max = 4) int added,
      @ForAll("topics") List<int[]> topics) {
    ScaleUp scaleUp = ScaleUp.of(cluster, added, topics);

    ReplicaAssignment after = scaleUp.rebalancedOverAll();

    Map<Integer, Integer> counts = Balance.replicaCounts(cluster, after);
    Balance.byRack(cluster, counts)
        .forEach(
            (rack, inRack) -> {
              assertThat(Balance.withinOneOfMean(inRack))
                  .as("replicas per broker of rack %s: %s", rack, inRack)
                  .isTrue();
            });
  }

  @Property
  void shouldJudgeARebalancedClusterBalanced(
      @ForAll("clusters") ClusterView cluster,
      @ForAll @IntRange(min = 1, max = 4) int added,
      @ForAll("topics") List<int[]> topics) {
    ScaleUp scaleUp = ScaleUp.of(cluster, added, topics);

    ReplicaAssignment after = scaleUp.rebalancedOverAll();

    assertThat(Placement.isBalanced(cluster, after)).isTrue();
  }

  /** An empty broker among brokers of its rack holding several replicas each is worth moving to. */
  @Property
  void shouldJudgeAnEmptyAddedBrokerUnbalanced(
      @ForAll("clusters") ClusterView cluster, @ForAll("topics") List<int[]> topics) {
    ScaleUp scaleUp = ScaleUp.of(cluster, 1, topics);
    int newcomer = scaleUp.added().iterator().next();
    Map<Integer, Integer> counts = Balance.replicaCounts(cluster, scaleUp.assignment());
    List<Integer> rackmates =
        cluster.brokerIdsByRack().get(cluster.rackOf(newcomer)).stream()
            .filter(b -> b != newcomer)
            .toList();
    Assume.that(!rackmates.isEmpty());
    Assume.that(rackmates.stream().allMatch(b -> counts.get(b) >= 4));

    assertThat(Placement.isBalanced(cluster, scaleUp.assignment())).isFalse();
  }
}
