package dev.brook.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;

/** Worked examples of the placement rules, readable as documentation. */
class PlacementExamplesTest {

  private static final ClusterView RACKS_A_A_B_C =
      ClusterView.of(
          BrokerInfo.of(1, "a"),
          BrokerInfo.of(2, "a"),
          BrokerInfo.of(3, "b"),
          BrokerInfo.of(4, "c"));

  @Test
  void shouldSpanThreeRacksForEveryPartitionWhenRacksAreAABCAndReplicationFactorIsThree() {
    SortedMap<Integer, List<Integer>> placed =
        Placement.assignNewTopic("orders", 12, 3, RACKS_A_A_B_C, ReplicaAssignment.empty());

    placed
        .values()
        .forEach(
            replicas -> {
              assertThat(replicas).hasSize(3).doesNotHaveDuplicates();
              assertThat(replicas.stream().map(RACKS_A_A_B_C::rackOf).distinct()).hasSize(3);
            });
    // Rack spread wins over balance: b and c each hold a replica of every partition.
    Map<Integer, Integer> replicas =
        Balance.replicaCounts(RACKS_A_A_B_C, ReplicaAssignment.empty().withTopic("orders", placed));
    assertThat(replicas).isEqualTo(Map.of(1, 6, 2, 6, 3, 12, 4, 12));
    assertThat(
            Balance.leaderCounts(
                RACKS_A_A_B_C, ReplicaAssignment.empty().withTopic("orders", placed)))
        .isEqualTo(Map.of(1, 3, 2, 3, 3, 3, 4, 3));
  }

  @Test
  void shouldShareTheLoadOfItsRackWithABrokerAddedToTheRackOfTwoWhenRacksAreAABC() {
    ClusterView before =
        ClusterView.of(BrokerInfo.of(1, "a"), BrokerInfo.of(3, "b"), BrokerInfo.of(4, "c"));
    ReplicaAssignment assignment =
        ReplicaAssignment.empty()
            .withTopic(
                "orders",
                Placement.assignNewTopic("orders", 12, 3, before, ReplicaAssignment.empty()));
    assertThat(Placement.isBalanced(RACKS_A_A_B_C, assignment)).isFalse();

    ReassignmentPlan plan = Placement.planRebalance(RACKS_A_A_B_C, assignment);

    // b and c keep a replica of every partition; the rack-mates 1 and 2 split rack a's twelve.
    ReplicaAssignment after = plan.applyTo(assignment);
    assertThat(Balance.replicaCounts(RACKS_A_A_B_C, after))
        .isEqualTo(Map.of(1, 6, 2, 6, 3, 12, 4, 12));
    assertThat(plan.movedReplicaCount()).isEqualTo(6);
    assertThat(Placement.isBalanced(RACKS_A_A_B_C, after)).isTrue();
  }

  @Test
  void shouldStripeReplicasOverRacksEvenlyOnAFreshCluster() {
    ClusterView cluster =
        ClusterView.of(
            BrokerInfo.of(1, "a"),
            BrokerInfo.of(2, "b"),
            BrokerInfo.of(3, "c"),
            BrokerInfo.of(4, "a"),
            BrokerInfo.of(5, "b"),
            BrokerInfo.of(6, "c"));

    SortedMap<Integer, List<Integer>> placed =
        Placement.assignNewTopic("events", 6, 3, cluster, ReplicaAssignment.empty());

    ReplicaAssignment assignment = ReplicaAssignment.empty().withTopic("events", placed);
    assertThat(Balance.replicaCounts(cluster, assignment).values()).containsOnly(3);
    assertThat(Balance.leaderCounts(cluster, assignment).values()).containsOnly(1);
    placed
        .values()
        .forEach(
            replicas -> assertThat(replicas.stream().map(cluster::rackOf).distinct()).hasSize(3));
  }

  @Test
  void shouldRefuseReplicationFactorFourOnThreeBrokersNamingTheRule() {
    ClusterView cluster =
        ClusterView.of(
            BrokerInfo.withoutRack(1), BrokerInfo.withoutRack(2), BrokerInfo.withoutRack(3));

    assertThatThrownBy(
            () -> Placement.assignNewTopic("orders", 1, 4, cluster, ReplicaAssignment.empty()))
        .isInstanceOf(PlacementException.class)
        .hasMessage(
            "DISTINCT_BROKERS: topic orders: replication factor 4 exceeds the 3 usable brokers"
                + " [1, 2, 3], and no broker may hold two replicas of one partition");
  }

  @Test
  void shouldTreatBrokersWithoutRackAsOneUnnamedRack() {
    ClusterView cluster =
        ClusterView.of(
            BrokerInfo.of(1, "a"),
            BrokerInfo.of(2, "a"),
            BrokerInfo.withoutRack(3),
            BrokerInfo.withoutRack(4));

    SortedMap<Integer, List<Integer>> placed =
        Placement.assignNewTopic("mixed", 8, 2, cluster, ReplicaAssignment.empty());

    assertThat(cluster.rackCount()).isEqualTo(2);
    placed
        .values()
        .forEach(replicas -> assertThat(replicas).containsAnyOf(1, 2).containsAnyOf(3, 4));
  }

  @Test
  void shouldPlaceNewTopicsOnTheLeastLoadedBrokers() {
    ClusterView cluster =
        ClusterView.of(
            BrokerInfo.withoutRack(1), BrokerInfo.withoutRack(2), BrokerInfo.withoutRack(3));
    ReplicaAssignment existing =
        ReplicaAssignment.empty().withTopic("busy", Map.of(0, List.of(1, 2), 1, List.of(2, 1)));

    SortedMap<Integer, List<Integer>> placed =
        Placement.assignNewTopic("fresh", 2, 1, cluster, existing);

    assertThat(placed).isEqualTo(Map.of(0, List.of(3), 1, List.of(3)));
  }

  @Test
  void shouldGrowATopicWithItsReplicationFactor() {
    ClusterView cluster =
        ClusterView.of(
            BrokerInfo.withoutRack(1), BrokerInfo.withoutRack(2), BrokerInfo.withoutRack(3));
    ReplicaAssignment existing =
        ReplicaAssignment.empty()
            .withTopic(
                "grow", Placement.assignNewTopic("grow", 2, 2, cluster, ReplicaAssignment.empty()));

    SortedMap<Integer, List<Integer>> added =
        Placement.assignNewPartitions("grow", 5, cluster, existing);

    assertThat(added.keySet()).containsExactly(2, 3, 4);
    added.values().forEach(replicas -> assertThat(replicas).hasSize(2).doesNotHaveDuplicates());
    assertThat(
            Balance.withinOneOfMean(
                Balance.replicaCounts(cluster, existing.withTopic("grow", added))))
        .isTrue();
  }

  @Test
  void shouldRefuseToShrinkOrToGrowAnUnknownTopic() {
    ClusterView cluster = ClusterView.of(BrokerInfo.withoutRack(1));
    ReplicaAssignment existing =
        ReplicaAssignment.empty().withTopic("t", Map.of(0, List.of(1), 1, List.of(1)));

    assertThatThrownBy(() -> Placement.assignNewPartitions("t", 2, cluster, existing))
        .hasMessage("PARTITION_COUNT: topic t has 2 partitions; the new count 2 must be larger");
    assertThatThrownBy(() -> Placement.assignNewPartitions("unknown", 2, cluster, existing))
        .isInstanceOf(PlacementException.class)
        .extracting(e -> ((PlacementException) e).rule())
        .isEqualTo(PlacementException.Rule.EXISTING_TOPIC);
    assertThatThrownBy(() -> Placement.assignNewTopic("t", 2, 1, cluster, existing))
        .isInstanceOf(PlacementException.class)
        .extracting(e -> ((PlacementException) e).rule())
        .isEqualTo(PlacementException.Rule.NEW_TOPIC);
  }

  @Test
  void shouldReplaceAFailedBrokerWithTheLeastLoadedFreeBrokerOfItsRack() {
    ClusterView live =
        ClusterView.of(
            BrokerInfo.of(1, "a"),
            BrokerInfo.of(2, "b"),
            BrokerInfo.of(3, "c"),
            BrokerInfo.of(4, "a"),
            BrokerInfo.of(6, "a"));
    ReplicaAssignment assignment =
        ReplicaAssignment.empty()
            .withTopic("t", Map.of(0, List.of(5, 2, 3), 1, List.of(2, 5, 3)))
            .withTopic("load", Map.of(0, List.of(4)));

    ReassignmentPlan plan = Placement.planReplacement(BrokerInfo.of(5, "a"), live, assignment);

    // 1 and 6 hold nothing; 1 takes the first replica (lowest id), then 6 is least loaded.
    assertThat(plan.reassignments())
        .isEqualTo(
            Map.of(
                new TopicPartitionKey("t", 0),
                    new PartitionReassignment(List.of(5, 2, 3), List.of(1, 2, 3)),
                new TopicPartitionKey("t", 1),
                    new PartitionReassignment(List.of(2, 5, 3), List.of(2, 6, 3))));
  }

  @Test
  void shouldReplaceInARackThePartitionDoesNotUseWhenItsOwnRackHasNoFreeBroker() {
    ClusterView live =
        ClusterView.of(
            BrokerInfo.of(1, "a"),
            BrokerInfo.of(2, "b"),
            BrokerInfo.of(3, "c"),
            BrokerInfo.of(4, "b"));
    ReplicaAssignment assignment =
        ReplicaAssignment.empty().withTopic("t", Map.of(0, List.of(9, 2, 1)));

    ReassignmentPlan plan = Placement.planReplacement(BrokerInfo.of(9, "d"), live, assignment);

    assertThat(plan.reassignments().get(new TopicPartitionKey("t", 0)).targetReplicas())
        .as("rack c is the only rack the partition does not use")
        .isEqualTo(List.of(3, 2, 1));
  }

  @Test
  void shouldReturnAnEmptyPlanWhenTheReplacedBrokerHoldsNoReplica() {
    ClusterView live = ClusterView.of(BrokerInfo.withoutRack(1), BrokerInfo.withoutRack(2));
    ReplicaAssignment assignment =
        ReplicaAssignment.empty().withTopic("t", Map.of(0, List.of(1, 2)));

    assertThat(Placement.planReplacement(BrokerInfo.withoutRack(3), live, assignment).isEmpty())
        .isTrue();
  }

  @Test
  void shouldMoveTheFewestReplicasOntoAnAddedBroker() {
    ClusterView three =
        ClusterView.of(
            BrokerInfo.withoutRack(1), BrokerInfo.withoutRack(2), BrokerInfo.withoutRack(3));
    ReplicaAssignment assignment =
        ReplicaAssignment.empty()
            .withTopic("t", Placement.assignNewTopic("t", 6, 3, three, ReplicaAssignment.empty()));
    ClusterView four =
        ClusterView.of(
            BrokerInfo.withoutRack(1),
            BrokerInfo.withoutRack(2),
            BrokerInfo.withoutRack(3),
            BrokerInfo.withoutRack(4));

    ReassignmentPlan plan = Placement.planRebalance(Set.of(4), four, assignment);

    // 18 replicas on 4 brokers: 4 or 5 each, so broker 4 needs 4 and nothing else moves.
    assertThat(plan.movedReplicaCount()).isEqualTo(4);
    ReplicaAssignment after = plan.applyTo(assignment);
    assertThat(Balance.replicaCounts(four, after).get(4)).isEqualTo(4);
    assertThat(Balance.withinOneOfMean(Balance.replicaCounts(four, after))).isTrue();
    assertThat(Balance.withinOneOfMean(Balance.leaderCounts(four, after))).isTrue();
  }

  @Test
  void shouldListBrokersRackByRackInTurn() {
    ClusterView cluster =
        ClusterView.of(
            BrokerInfo.of(1, "a"),
            BrokerInfo.of(2, "a"),
            BrokerInfo.of(3, "a"),
            BrokerInfo.of(4, "b"),
            BrokerInfo.withoutRack(5));

    assertThat(cluster.rackInterleavedOrder()).containsExactly(5, 1, 4, 2, 3);
  }

  @Test
  void shouldReadANullOrEmptyRackAsNoRack() {
    assertThat(BrokerInfo.of(1, null)).isEqualTo(BrokerInfo.withoutRack(1));
    assertThat(BrokerInfo.of(1, "")).isEqualTo(BrokerInfo.withoutRack(1));
  }

  @Test
  void shouldRejectADuplicateBrokerOrReplica() {
    assertThatThrownBy(() -> ClusterView.of(BrokerInfo.withoutRack(1), BrokerInfo.of(1, "a")))
        .hasMessage("broker id 1 appears twice");
    assertThatThrownBy(() -> ReplicaAssignment.empty().withTopic("t", Map.of(0, List.of(1, 1))))
        .hasMessage("t-0 names broker 1 twice: [1, 1]");
  }
}
