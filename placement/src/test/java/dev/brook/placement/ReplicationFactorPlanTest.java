package dev.brook.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Properties of {@link Placement#planReplicationFactor} over topics placed on random clusters. */
class ReplicationFactorPlanTest {

  private static final String TOPIC = "placed-0";

  @Provide
  Arbitrary<ClusterView> clusters() {
    return Generators.clusters(1, 12);
  }

  @Provide
  Arbitrary<List<int[]>> topics() {
    return Generators.topicShapes();
  }

  @Property
  void shouldGiveEveryPartitionTheNewFactorOnDistinctBrokersAndKeepItsLeader(
      @ForAll("clusters") ClusterView cluster,
      @ForAll("topics") List<int[]> topics,
      @ForAll @IntRange(min = 1, max = 12) int replicationFactor) {
    Assume.that(replicationFactor <= cluster.size());
    ReplicaAssignment before = Generators.placedAssignment(cluster, topics);

    ReplicaAssignment after =
        Placement.planReplicationFactor(TOPIC, replicationFactor, cluster, before).applyTo(before);

    before
        .partitionsOf(TOPIC)
        .forEach(
            (partition, replicas) -> {
              List<Integer> changed = after.replicas(partition);
              assertThat(changed).hasSize(replicationFactor).doesNotHaveDuplicates();
              assertThat(cluster.brokerIds()).containsAll(changed);
              assertThat(changed.get(0)).as("preferred leader").isEqualTo(replicas.get(0));
              int spread = Math.min(replicationFactor, cluster.rackCount());
              assertThat(Balance.distinctRacks(cluster, changed))
                  .as("%s", changed)
                  .isEqualTo(spread);
            });
    assertThat(after.asMap().keySet()).isEqualTo(before.asMap().keySet());
    before.asMap().keySet().stream()
        .filter(partition -> !partition.topic().equals(TOPIC))
        .forEach(
            partition ->
                assertThat(after.replicas(partition)).isEqualTo(before.replicas(partition)));
  }

  @Property
  void shouldOnlyAddOrOnlyRemoveReplicas(
      @ForAll("clusters") ClusterView cluster,
      @ForAll("topics") List<int[]> topics,
      @ForAll @IntRange(min = 1, max = 12) int replicationFactor) {
    Assume.that(replicationFactor <= cluster.size());
    ReplicaAssignment before = Generators.placedAssignment(cluster, topics);

    ReassignmentPlan plan =
        Placement.planReplicationFactor(TOPIC, replicationFactor, cluster, before);

    plan.reassignments()
        .values()
        .forEach(
            move -> {
              int difference = replicationFactor - move.currentReplicas().size();
              assertThat(move.addingReplicas()).hasSize(Math.max(0, difference));
              assertThat(move.removingReplicas()).hasSize(Math.max(0, -difference));
            });
  }

  @Property
  void shouldSpreadAddedReplicasOverTheBrokers(
      @ForAll("clusters") ClusterView cluster,
      @ForAll @IntRange(min = 6, max = 60) int partitions) {
    ClusterView flat =
        ClusterView.of(cluster.brokerIds().stream().map(BrokerInfo::withoutRack).toList());
    Assume.that(flat.size() >= 3);
    ReplicaAssignment before =
        ReplicaAssignment.empty()
            .withTopic(
                TOPIC,
                Placement.assignNewTopic(TOPIC, partitions, 1, flat, ReplicaAssignment.empty()));

    ReplicaAssignment after =
        Placement.planReplicationFactor(TOPIC, 3, flat, before).applyTo(before);

    Map<Integer, Integer> counts = Balance.replicaCounts(flat, after);
    assertThat(Balance.spread(counts)).as("replicas per broker %s", counts).isLessThanOrEqualTo(1);
  }

  @Property
  void shouldRefuseAFactorAboveTheBrokers(
      @ForAll("clusters") ClusterView cluster, @ForAll("topics") List<int[]> topics) {
    ReplicaAssignment before = Generators.placedAssignment(cluster, topics);

    assertThatThrownBy(
            () -> Placement.planReplicationFactor(TOPIC, cluster.size() + 1, cluster, before))
        .isInstanceOf(PlacementException.class)
        .extracting(e -> ((PlacementException) e).rule())
        .isEqualTo(PlacementException.Rule.DISTINCT_BROKERS);
  }
}
