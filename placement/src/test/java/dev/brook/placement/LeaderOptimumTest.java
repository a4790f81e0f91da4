package dev.brook.placement;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The test oracle for leader balance must itself be right. */
class LeaderOptimumTest {

  private static final ClusterView THREE =
      ClusterView.of(
          BrokerInfo.withoutRack(1), BrokerInfo.withoutRack(2), BrokerInfo.withoutRack(3));

  @Test
  void shouldFindTheLeastMaximumWhenReplicaSetsOverlap() {
    ReplicaAssignment movable =
        ReplicaAssignment.empty()
            .withTopic(
                "t", Map.of(0, List.of(1, 2), 1, List.of(1, 2), 2, List.of(1, 2), 3, List.of(1)));

    assertThat(new LeaderOptimum(THREE, ReplicaAssignment.empty(), movable).leastMaximum())
        .isEqualTo(2);
  }

  @Test
  void shouldCountFixedLeadersAsLoad() {
    ReplicaAssignment fixed =
        ReplicaAssignment.empty().withTopic("old", Map.of(0, List.of(3), 1, List.of(3)));
    ReplicaAssignment movable =
        ReplicaAssignment.empty()
            .withTopic("t", Map.of(0, List.of(3, 1), 1, List.of(3, 2), 2, List.of(3)));

    assertThat(new LeaderOptimum(THREE, fixed, movable).leastMaximum()).isEqualTo(3);
  }
}
