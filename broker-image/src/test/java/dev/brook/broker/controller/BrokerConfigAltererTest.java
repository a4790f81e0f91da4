package dev.brook.broker.controller;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brook.broker.metadata.image.MetadataImage;
import dev.brook.broker.metadata.record.MetadataRecord.SetBrokerConfigs;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.AlterConfigOp.OpType;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.ApiError;
import org.junit.jupiter.api.Test;

class BrokerConfigAltererTest {

  private final BrokerConfigAlterer alterer = new BrokerConfigAlterer();

  @Test
  void shouldCordonAndUncordonARegisteredBroker() {
    MetadataImage image = ClusterImages.brokers(3);
    ControllerResult<Map<String, ApiError>> cordon = alterer.alter(image, Map.of("2", set("*")));
    assertThat(cordon.response().get("2").error()).isEqualTo(Errors.NONE);
    assertThat(cordon.records())
        .containsExactly(new SetBrokerConfigs(2, Map.of("cordoned.log.dirs", "*")));
    MetadataImage cordoned = ClusterImages.applyAll(image, cordon.records());
    assertThat(cordoned.isCordoned(2)).isTrue();
    assertThat(cordoned.isCordoned(1)).isFalse();
    assertThat(alterer.alter(cordoned, Map.of("2", set("*"))).records()).isEmpty();

    ControllerResult<Map<String, ApiError>> uncordon =
        alterer.alter(
            cordoned,
            Map.of("2", List.of(new ConfigChange("cordoned.log.dirs", OpType.DELETE, null))));
    assertThat(uncordon.records()).containsExactly(new SetBrokerConfigs(2, Map.of()));
    MetadataImage uncordoned = ClusterImages.applyAll(cordoned, uncordon.records());
    assertThat(uncordoned.isCordoned(2)).isFalse();
    assertThat(uncordoned.brokerConfigs()).isEmpty();
  }

  @Test
  void shouldTreatAnEmptyValueAsUncordoned() {
    MetadataImage cordoned =
        ClusterImages.applyAll(
            ClusterImages.brokers(1),
            List.of(new SetBrokerConfigs(1, Map.of("cordoned.log.dirs", "*"))));
    ControllerResult<Map<String, ApiError>> result = alterer.alter(cordoned, Map.of("1", set("")));
    assertThat(result.records()).containsExactly(new SetBrokerConfigs(1, Map.of()));
  }

  @Test
  void shouldRefuseWithAReasonAndCommitNothing() {
    MetadataImage image = ClusterImages.brokers(2);
    ControllerResult<Map<String, ApiError>> result =
        alterer.alter(
            image,
            Map.of(
                "1", set("/var/lib/brook"),
                "2", List.of(new ConfigChange("log.dirs", OpType.SET, "/tmp")),
                "9", set("*"),
                "x", set("*"),
                "", set("*")));
    assertThat(result.records()).isEmpty();
    assertThat(result.response().get("1").error()).isEqualTo(Errors.INVALID_CONFIG);
    assertThat(result.response().get("1").message()).contains("one log directory");
    assertThat(result.response().get("2").error()).isEqualTo(Errors.INVALID_REQUEST);
    assertThat(result.response().get("2").message()).contains("cannot be changed at run time");
    assertThat(result.response().get("9").message()).contains("not registered");
    assertThat(result.response().get("x").message()).contains("not a broker id");
    assertThat(result.response().get("").message()).contains("per broker only");
  }

  @Test
  void shouldKeepClusterWideLogDefaultsAndRefuseInvalidValues() {
    MetadataImage image = ClusterImages.brokers(2);
    ControllerResult<Map<String, ApiError>> result =
        alterer.alter(
            image,
            Map.of(
                "",
                List.of(
                    new ConfigChange("log.retention.ms", OpType.SET, "60000"),
                    new ConfigChange("min.insync.replicas", OpType.SET, "2")),
                "1",
                List.of(new ConfigChange("log.retention.hours", OpType.SET, "2"))));
    assertThat(result.response().values()).allSatisfy(e -> assertThat(e.isSuccess()).isTrue());
    MetadataImage changed = ClusterImages.applyAll(image, result.records());
    assertThat(changed.brokerConfigs(MetadataImage.CLUSTER_DEFAULT))
        .containsEntry("log.retention.ms", "60000")
        .containsEntry("min.insync.replicas", "2");
    assertThat(changed.effectiveBrokerConfigs(1))
        .containsEntry("log.retention.hours", "2")
        .containsEntry("min.insync.replicas", "2");
    assertThat(changed.effectiveBrokerConfigs(2)).doesNotContainKey("log.retention.hours");

    ControllerResult<Map<String, ApiError>> invalid =
        alterer.alter(
            changed,
            Map.of(
                "", List.of(new ConfigChange("min.insync.replicas", OpType.SET, "zero")),
                "2", List.of(new ConfigChange("log.segment.bytes", OpType.SET, "-5"))));
    assertThat(invalid.records()).isEmpty();
    assertThat(invalid.response().get("").error()).isEqualTo(Errors.INVALID_CONFIG);
    assertThat(invalid.response().get("").message()).contains("min.insync.replicas");
    assertThat(invalid.response().get("2").error()).isEqualTo(Errors.INVALID_CONFIG);
  }

  @Test
  void shouldPlaceNewPartitionsOnUncordonedBrokersOnly() {
    MetadataImage image =
        ClusterImages.applyAll(
            ClusterImages.brokers(4),
            List.of(new SetBrokerConfigs(4, Map.of("cordoned.log.dirs", "*"))));
    List<List<Integer>> placed =
        new PlacementReplicaAssigner().assign(image, "t", 0, 12, (short) 3);
    assertThat(placed).hasSize(12).allSatisfy(replicas -> assertThat(replicas).doesNotContain(4));
  }

  private static List<ConfigChange> set(String value) {
    return List.of(new ConfigChange("cordoned.log.dirs", OpType.SET, value));
  }
}
