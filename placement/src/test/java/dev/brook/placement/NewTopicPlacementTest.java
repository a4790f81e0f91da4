package dev.brook.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Properties of {@link Placement#assignNewTopic} over random clusters, racks and topics. */
class NewTopicPlacementTest {

  @Provide
  Arbitrary<ClusterView> clusters() {
    return Generators.clusters(1, 12);
  }

  @Provide
  Arbitrary<ClusterView> evenClusters() {
    return Generators.evenlyRackedClusters();
  }

  @Property
  void shouldNeverPutTwoReplicasOfAPartitionOnOneBroker(
      @ForAll("clusters") ClusterView cluster,
      @ForAll @IntRange(min = 1, max = 50) int partitions,
      @ForAll @IntRange(min = 1, max = 4) int rf,
      @ForAll long seed) {
    Assume.that(rf <= cluster.size());
    ReplicaAssignment existing = Generators.randomAssignment(cluster, seed);

    SortedMap<Integer, List<Integer>> placed =
        Placement.assignNewTopic("t", partitions, rf, cluster, existing);

    assertThat(placed.keySet())
        .containsExactlyElementsOf(IntStream.range(0, partitions).boxed().toList());
    placed
        .values()
        .forEach(
            replicas -> {
              assertThat(replicas).hasSize(rf).doesNotHaveDuplicates();
              assertThat(cluster.brokerIds()).containsAll(replicas);
            });
  }

  @Property
  void shouldSpanMinOfReplicationFactorAndRackCountRacks(
      @ForAll("clusters") ClusterView cluster,
      @ForAll @IntRange(min = 1, max = 50) int partitions,
      @ForAll @IntRange(min = 1, max = 4) int rf,
      @ForAll long seed) {
    Assume.that(rf <= cluster.size());
    ReplicaAssignment existing = Generators.randomAssignment(cluster, seed);

    SortedMap<Integer, List<Integer>> placed =
        Placement.assignNewTopic("t", partitions, rf, cluster, existing);

    int expectedRacks = Math.min(rf, cluster.rackCount());
    placed.forEach(
        (partition, replicas) ->
            assertThat(Balance.distinctRacks(cluster, replicas))
                .as("racks of partition %d: %s in %s", partition, replicas, cluster)
                .isEqualTo(expectedRacks));
  }

  @Property
  void shouldRefuseReplicationFactorAboveBrokerCount(
      @ForAll("clusters") ClusterView cluster, @ForAll @IntRange(min = 1, max = 4) int extra) {
    int rf = cluster.size() + extra;

    assertThatThrownBy(
            () -> Placement.assignNewTopic("t", 3, rf, cluster, ReplicaAssignment.empty()))
        .isInstanceOf(PlacementException.class)
        .hasMessageContaining("replication factor " + rf + " exceeds the " + cluster.size())
        .extracting(e -> ((PlacementException) e).rule())
        .isEqualTo(PlacementException.Rule.DISTINCT_BROKERS);
  }

  @Property
  void shouldRefuseNonPositivePartitionsOrReplicationFactor(
      @ForAll("clusters") ClusterView cluster,
      @ForAll @IntRange(min = -3, max = 0) int nonPositive) {
    assertThatThrownBy(
            () -> Placement.assignNewTopic("t", nonPositive, 1, cluster, ReplicaAssignment.empty()))
        .isInstanceOf(PlacementException.class)
        .extracting(e -> ((PlacementException) e).rule())
        .isEqualTo(PlacementException.Rule.PARTITION_COUNT);
    assertThatThrownBy(
            () -> Placement.assignNewTopic("t", 1, nonPositive, cluster, ReplicaAssignment.empty()))
        .isInstanceOf(PlacementException.class)
        .extracting(e -> ((PlacementException) e).rule())
        .isEqualTo(PlacementException.Rule.REPLICATION_FACTOR_AT_LEAST_ONE);
  }

  @Property
  void shouldBalanceReplicasAndLeadersWithinOneOfTheMeanOnAFreshEvenCluster(
      @ForAll("evenClusters") ClusterView cluster,
      @ForAll @IntRange(min = 1, max = 50) int partitions,
      @ForAll @IntRange(min = 1, max = 4) int rf) {
    Assume.that(rf <= cluster.size());

    ReplicaAssignment placed = placeFresh(cluster, partitions, rf);

    assertThat(Balance.withinOneOfMean(Balance.replicaCounts(cluster, placed)))
        .as("replicas per broker %s", Balance.replicaCounts(cluster, placed))
        .isTrue();
    assertThat(Balance.withinOneOfMean(Balance.leaderCounts(cluster, placed)))
        .as("leaders per broker %s", Balance.leaderCounts(cluster, placed))
        .isTrue();
  }

  @Property
  void shouldBalanceLeadersWithinOneOfTheMeanOnAnyFreshCluster(
      @ForAll("clusters") ClusterView cluster,
      @ForAll @IntRange(min = 1, max = 50) int partitions,
      @ForAll @IntRange(min = 1, max = 4) int rf) {
    Assume.that(rf <= cluster.size());

    ReplicaAssignment placed = placeFresh(cluster, partitions, rf);

    assertThat(Balance.withinOneOfMean(Balance.leaderCounts(cluster, placed)))
        .as("leaders per broker %s", Balance.leaderCounts(cluster, placed))
        .isTrue();
  }

  @Property
  void shouldMakePreferredLeadersAsEvenAsTheNewReplicaSetsAllow(
      @ForAll("clusters") ClusterView cluster,
      @ForAll @IntRange(min = 1, max = 50) int partitions,
      @ForAll @IntRange(min = 1, max = 4) int rf,
      @ForAll long seed) {
    Assume.that(rf <= cluster.size());
    ReplicaAssignment existing = Generators.randomAssignment(cluster, seed);

    ReplicaAssignment placed =
        ReplicaAssignment.empty()
            .withTopic("t", Placement.assignNewTopic("t", partitions, rf, cluster, existing));

    int leastMaximum = new LeaderOptimum(cluster, existing, placed).leastMaximum();
    assertThat(Balance.leaderCounts(cluster, existing.with(placed.asMap())).values())
        .allMatch(count -> count <= leastMaximum);
  }

  @Property
  void shouldBalanceReplicasWithinOneInsideEachRackOnAnyFreshCluster(
      @ForAll("clusters") ClusterView cluster,
      @ForAll @IntRange(min = 1, max = 50) int partitions,
      @ForAll @IntRange(min = 1, max = 4) int rf) {
    Assume.that(rf <= cluster.size());

    ReplicaAssignment placed = placeFresh(cluster, partitions, rf);

    Map<Integer, Integer> counts = Balance.replicaCounts(cluster, placed);
    Balance.byRack(cluster, counts)
        .forEach(
            (rack, inRack) -> {
              assertThat(Balance.spread(inRack))
                  .as("replicas per broker of rack %s: %s", rack, inRack)
                  .isLessThanOrEqualTo(1);
            });
  }

  @Property
  void shouldNeverWidenTheReplicaSpreadOfAClusterWithoutRacks(
      @ForAll("clusters") ClusterView racked,
      @ForAll @IntRange(min = 1, max = 50) int partitions,
      @ForAll @IntRange(min = 1, max = 4) int rf,
      @ForAll long seed) {
    ClusterView cluster =
        ClusterView.of(racked.brokerIds().stream().map(BrokerInfo::withoutRack).toList());
    Assume.that(rf <= cluster.size());
    ReplicaAssignment existing = Generators.randomAssignment(cluster, seed);
    int spreadBefore = Balance.spread(Balance.replicaCounts(cluster, existing));

    ReplicaAssignment after =
        existing.withTopic("t", Placement.assignNewTopic("t", partitions, rf, cluster, existing));

    assertThat(Balance.spread(Balance.replicaCounts(cluster, after)))
        .isLessThanOrEqualTo(Math.max(1, spreadBefore));
  }

  @Property
  void shouldKeepReplicasWithinOneOfTheMeanWhenTopicsAreCreatedOneAfterAnother(
      @ForAll("evenClusters") ClusterView cluster, @ForAll("topics") List<int[]> topics) {
    ReplicaAssignment assignment = Generators.placedAssignment(cluster, topics);

    assertThat(Balance.withinOneOfMean(Balance.replicaCounts(cluster, assignment)))
        .as("replicas per broker %s", Balance.replicaCounts(cluster, assignment))
        .isTrue();
  }

  /**
   * Later topics cannot always even out earlier leaders: their replica sets follow replica load
   * (see {@link NewPartitionPlacer}), and with replication factor 1 the replica is the leader. For
   * replicated topics leader counts stay within a spread of two.
   */
  @Property
  void shouldKeepLeaderSpreadWithinTwoWhenReplicatedTopicsAreCreatedOneAfterAnother(
      @ForAll("evenClusters") ClusterView cluster, @ForAll("topics") List<int[]> topics) {
    Assume.that(topics.stream().allMatch(t -> t[1] >= 2));

    ReplicaAssignment assignment = Generators.placedAssignment(cluster, topics);

    assertThat(Balance.spread(Balance.leaderCounts(cluster, assignment)))
        .as("leaders per broker %s", Balance.leaderCounts(cluster, assignment))
        .isLessThanOrEqualTo(2);
  }

  @Provide
  Arbitrary<List<int[]>> topics() {
    return Generators.topicShapes();
  }

  @Property
  void shouldGiveEqualResultsForEqualInputs(
      @ForAll("clusters") ClusterView cluster,
      @ForAll @IntRange(min = 1, max = 50) int partitions,
      @ForAll @IntRange(min = 1, max = 4) int rf,
      @ForAll long seed) {
    Assume.that(rf <= cluster.size());
    ReplicaAssignment existing = Generators.randomAssignment(cluster, seed);
    List<BrokerInfo> reversed = new ArrayList<>(cluster.brokers());
    Collections.reverse(reversed);
    ClusterView sameCluster = ClusterView.of(reversed);

    assertThat(Placement.assignNewTopic("t", partitions, rf, cluster, existing))
        .isEqualTo(Placement.assignNewTopic("t", partitions, rf, sameCluster, existing));
  }

  private static ReplicaAssignment placeFresh(ClusterView cluster, int partitions, int rf) {
    return ReplicaAssignment.empty()
        .withTopic(
            "t", Placement.assignNewTopic("t", partitions, rf, cluster, ReplicaAssignment.empty()));
  }
}
