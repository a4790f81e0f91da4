package dev.brook.operator.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brook.operator.cluster.model.ClusterNames;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BrokerZonesTest {

  @Test
  void shouldTakeTheZoneOnTheClaimOverTheRackInStatus() {
    Map<Integer, String> zones =
        BrokerZones.recorded(List.of(claim(0, "zone-a"), claim(1, "zone-b")), Map.of(1, "zone-c"));

    assertThat(zones).isEqualTo(Map.of(0, "zone-a", 1, "zone-b"));
  }

  @Test
  void shouldFallBackToTheRackInStatusWhenTheClaimWasReleased() {
    Map<Integer, String> zones =
        BrokerZones.recorded(List.of(claim(0, "zone-a"), claim(2, null)), Map.of(2, "zone-c"));

    assertThat(zones).isEqualTo(Map.of(0, "zone-a", 2, "zone-c"));
  }

  private static PersistentVolumeClaim claim(int id, String zone) {
    PersistentVolumeClaimBuilder claim =
        new PersistentVolumeClaimBuilder()
            .withNewMetadata()
            .withName("c-data-" + id)
            .addToLabels(ClusterNames.BROKER_ID_LABEL, Integer.toString(id))
            .endMetadata();
    if (zone != null) {
      claim.editMetadata().addToLabels(ClusterNames.RACK_LABEL, zone).endMetadata();
    }
    return claim.build();
  }
}
