package dev.brook.operator.cluster.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brook.operator.api.ClusterSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class BrokerIdsTest {

  @Test
  void shouldTakeTheLowestIdsWhenNothingIsRemoved() {
    assertThat(BrokerIds.of(spec(4, List.of()))).containsExactly(0, 1, 2, 3);
  }

  @Test
  void shouldSkipRemovedIdsAndTakeTheNextFreeOnes() {
    assertThat(BrokerIds.of(spec(4, List.of(3)))).containsExactly(0, 1, 2, 4);
    assertThat(BrokerIds.of(spec(3, List.of(4, 3)))).containsExactly(0, 1, 2);
    assertThat(BrokerIds.of(spec(5, List.of(3, 5)))).containsExactly(0, 1, 2, 4, 6);
  }

  private static ClusterSpec spec(int replicas, List<Integer> removed) {
    ClusterSpec spec = new ClusterSpec();
    spec.setReplicas(replicas);
    spec.setRemoveBrokers(removed);
    return spec;
  }
}
