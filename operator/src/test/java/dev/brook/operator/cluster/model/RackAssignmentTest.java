package dev.brook.operator.cluster.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RackAssignmentTest {

  private static final List<String> ZONES = List.of("zone-a", "zone-b", "zone-c");

  @Test
  void shouldRotateOverZonesWhenBrokersAreAddedInOrder() {
    Map<Integer, String> racks = new HashMap<>();
    for (int id = 0; id < 6; id++) {
      racks.put(id, RackAssignment.assign(ZONES, racks, id).orElseThrow());
    }

    assertThat(racks)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(0, "zone-a", 1, "zone-b", 2, "zone-c", 3, "zone-a", 4, "zone-b", 5, "zone-c"));
  }

  @Test
  void shouldPickLeastUsedZoneWhenScalingUp() {
    Map<Integer, String> racks = Map.of(0, "zone-a", 1, "zone-a", 2, "zone-c");

    assertThat(RackAssignment.assign(ZONES, racks, 3)).contains("zone-b");
  }

  @Test
  void shouldAssignNoRackWhenNodesHaveNoZone() {
    assertThat(RackAssignment.assign(List.of(), Map.of(), 0)).isEqualTo(Optional.empty());
  }
}
