package dev.brook.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Properties of {@link Placement#planReplacement} and {@link Placement#planDrain}. */
class ReplacementPlanTest {

  @Provide
  Arbitrary<ClusterView> clusters() {
    return Generators.clusters(2, 12);
  }

  @Provide
  Arbitrary<List<int[]>> topics() {
    return Generators.topicShapes();
  }

  @Property
  void shouldMoveEveryReplicaOffTheReplacedBrokerAndTouchNothingElse(
      @ForAll("clusters") ClusterView cluster,
      @ForAll("topics") List<int[]> topics,
      @ForAll @IntRange(min = 0, max = 11) int victimIndex) {
    ReplicaAssignment assignment = Generators.placedAssignment(cluster, topics);
    BrokerInfo victim = List.copyOf(cluster.brokers()).get(victimIndex % cluster.size());
    Assume.that(feasible(assignment, cluster, Set.of(victim.id())));

    ReassignmentPlan plan =
        Placement.planReplacement(victim, cluster.without(Set.of(victim.id())), assignment);

    assertDrained(plan, assignment, cluster, Set.of(victim));
  }

  @Property
  void shouldNeverTargetTheReplacedBrokerEvenWhenTheViewStillListsIt(
      @ForAll("clusters") ClusterView cluster,
      @ForAll @IntRange(min = 0, max = 11) int victimIndex,
      @ForAll long seed) {
    ReplicaAssignment assignment = Generators.randomAssignment(cluster, seed);
    BrokerInfo victim = List.copyOf(cluster.brokers()).get(victimIndex % cluster.size());
    Assume.that(feasible(assignment, cluster, Set.of(victim.id())));

    ReassignmentPlan plan = Placement.planReplacement(victim, cluster, assignment);

    assertDrained(plan, assignment, cluster, Set.of(victim));
  }

  @Property
  void shouldDrainSeveralBrokersUnderTheSameRules(
      @ForAll("clusters") ClusterView cluster,
      @ForAll("topics") List<int[]> topics,
      @ForAll("leavingSubsets") Set<Integer> leavingIndexes) {
    ReplicaAssignment assignment = Generators.placedAssignment(cluster, topics);
    List<BrokerInfo> brokers = List.copyOf(cluster.brokers());
    Set<BrokerInfo> leaving =
        leavingIndexes.stream()
            .map(i -> brokers.get(i % brokers.size()))
            .collect(Collectors.toSet());
    Set<Integer> leavingIds = leaving.stream().map(BrokerInfo::id).collect(Collectors.toSet());
    Assume.that(leavingIds.size() < cluster.size());
    Assume.that(feasible(assignment, cluster, leavingIds));

    ReassignmentPlan plan = Placement.planDrain(leaving, cluster, assignment);

    assertDrained(plan, assignment, cluster, leaving);
  }

  @Provide
  Arbitrary<Set<Integer>> leavingSubsets() {
    return Arbitraries.integers().between(0, 11).set().ofMinSize(1).ofMaxSize(4);
  }

  @Property
  void shouldRefuseWhenEveryRemainingBrokerAlreadyHoldsThePartition(
      @ForAll("clusters") ClusterView cluster,
      @ForAll @IntRange(min = 0, max = 11) int victimIndex) {
    ReplicaAssignment assignment =
        ReplicaAssignment.empty().withTopic("full", Map.of(0, List.copyOf(cluster.brokerIds())));
    BrokerInfo victim = List.copyOf(cluster.brokers()).get(victimIndex % cluster.size());

    assertThatThrownBy(() -> Placement.planReplacement(victim, cluster, assignment))
        .isInstanceOf(PlacementException.class)
        .hasMessageContaining("full-0")
        .extracting(e -> ((PlacementException) e).rule())
        .isEqualTo(PlacementException.Rule.DISTINCT_BROKERS);
  }

  @Property
  void shouldMoveWhatItCanAndReportTheRestWhenBrokersAreShort(
      @ForAll("clusters") ClusterView cluster,
      @ForAll("topics") List<int[]> topics,
      @ForAll @IntRange(min = 0, max = 11) int victimIndex) {
    ReplicaAssignment assignment = Generators.placedAssignment(cluster, topics);
    BrokerInfo victim = List.copyOf(cluster.brokers()).get(victimIndex % cluster.size());
    ClusterView remaining = cluster.without(Set.of(victim.id()));

    DrainPlan drain = Placement.planDrainWherePossible(List.of(victim), remaining, assignment);

    Set<TopicPartitionKey> expectedStuck = new TreeSet<>();
    assignment
        .asMap()
        .forEach(
            (partition, replicas) -> {
              if (replicas.contains(victim.id()) && replicas.size() > remaining.size()) {
                expectedStuck.add(partition);
              }
            });
    assertThat(drain.stuck()).containsExactlyElementsOf(expectedStuck);
    Set<TopicPartitionKey> movable = new TreeSet<>();
    assignment
        .asMap()
        .forEach(
            (partition, replicas) -> {
              if (replicas.contains(victim.id()) && !expectedStuck.contains(partition)) {
                movable.add(partition);
              }
            });
    assertThat(drain.plan().reassignments().keySet()).containsExactlyElementsOf(movable);
    drain
        .plan()
        .reassignments()
        .values()
        .forEach(
            move ->
                assertThat(move.targetReplicas())
                    .doesNotContain(victim.id())
                    .doesNotHaveDuplicates()
                    .hasSameSizeAs(move.currentReplicas()));
  }

  /** Every partition with a leaving replica keeps its other replicas; one can take each leaver. */
  private static boolean feasible(
      ReplicaAssignment assignment, ClusterView cluster, Set<Integer> leaving) {
    int remaining = cluster.without(leaving).size();
    return assignment.asMap().values().stream()
        .filter(replicas -> replicas.stream().anyMatch(leaving::contains))
        .allMatch(replicas -> replicas.size() <= remaining);
  }

  private static void assertDrained(
      ReassignmentPlan plan,
      ReplicaAssignment before,
      ClusterView cluster,
      Set<BrokerInfo> leaving) {
    Set<Integer> leavingIds = leaving.stream().map(BrokerInfo::id).collect(Collectors.toSet());
    ClusterView remaining = cluster.without(leavingIds);
    Set<TopicPartitionKey> affected = new TreeSet<>();
    before
        .asMap()
        .forEach(
            (partition, replicas) -> {
              if (replicas.stream().anyMatch(leavingIds::contains)) {
                affected.add(partition);
              }
            });
    assertThat(plan.reassignments().keySet()).containsExactlyElementsOf(affected);
    plan.reassignments()
        .forEach(
            (partition, move) -> {
              List<Integer> target = move.targetReplicas();
              assertThat(move.currentReplicas()).isEqualTo(before.replicas(partition));
              assertThat(target).hasSameSizeAs(move.currentReplicas()).doesNotHaveDuplicates();
              assertThat(target).doesNotContainAnyElementsOf(leavingIds);
              for (int i = 0; i < target.size(); i++) {
                int old = move.currentReplicas().get(i);
                if (leavingIds.contains(old)) {
                  assertThat(remaining.brokerIds()).contains(target.get(i));
                  if (move.movedReplicaCount() == 1) {
                    assertRackChoice(partition, move, i, rackOf(leaving, old), remaining);
                  }
                } else {
                  assertThat(target.get(i)).as("%s position %d", partition, i).isEqualTo(old);
                }
              }
            });
    assertThat(plan.movedReplicaCount())
        .isEqualTo(
            before.asMap().values().stream()
                .flatMap(List::stream)
                .filter(leavingIds::contains)
                .count());
  }

  /**
   * The replacement at {@code position} sits in the leaving broker's rack when a broker of that
   * rack could take it, else in a rack the partition's other replicas do not use when one could.
   * Checked for partitions that lose one replica: with several, each choice saw the others
   * half-done.
   */
  private static void assertRackChoice(
      TopicPartitionKey partition,
      PartitionReassignment move,
      int position,
      Optional<String> leavingRack,
      ClusterView remaining) {
    List<Integer> target = move.targetReplicas();
    List<Integer> others = new ArrayList<>(target);
    others.remove(position);
    Set<Optional<String>> otherRacks =
        others.stream()
            .filter(remaining::contains)
            .map(remaining::rackOf)
            .collect(Collectors.toSet());
    List<Integer> free = remaining.brokerIds().stream().filter(b -> !others.contains(b)).toList();
    Optional<String> chosenRack = remaining.rackOf(target.get(position));
    boolean sameRackWasFree = free.stream().anyMatch(b -> remaining.rackOf(b).equals(leavingRack));
    boolean newRackWasFree = free.stream().anyMatch(b -> !otherRacks.contains(remaining.rackOf(b)));
    if (sameRackWasFree) {
      assertThat(chosenRack)
          .as("%s %s: same rack available", partition, move)
          .isEqualTo(leavingRack);
    } else if (newRackWasFree) {
      assertThat(otherRacks)
          .as("%s %s: an unused rack was available", partition, move)
          .doesNotContain(chosenRack);
    }
  }

  private static Optional<String> rackOf(Set<BrokerInfo> brokers, int id) {
    return brokers.stream().filter(b -> b.id() == id).findFirst().orElseThrow().rack();
  }
}
