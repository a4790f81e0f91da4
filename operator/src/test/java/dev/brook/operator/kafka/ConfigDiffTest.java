package dev.brook.operator.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.junit.jupiter.api.Test;

class ConfigDiffTest {

  @Test
  void shouldSetChangedAndNewKeysWhenSpecDiffers() {
    var ops =
        ConfigDiff.between(
            Map.of("retention.ms", "1000"),
            Map.of("retention.ms", "2000", "segment.bytes", "1024"),
            Set.of());

    assertThat(ops)
        .extracting(
            op -> op.opType(), op -> op.configEntry().name(), op -> op.configEntry().value())
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(AlterConfigOp.OpType.SET, "retention.ms", "2000"),
            org.assertj.core.groups.Tuple.tuple(AlterConfigOp.OpType.SET, "segment.bytes", "1024"));
  }

  @Test
  void shouldDeleteDynamicKeysWhenSpecNoLongerNamesThem() {
    var ops = ConfigDiff.between(Map.of("retention.ms", "1000"), Map.of(), Set.of());

    assertThat(ops).hasSize(1);
    assertThat(ops.get(0).opType()).isEqualTo(AlterConfigOp.OpType.DELETE);
    assertThat(ops.get(0).configEntry().name()).isEqualTo("retention.ms");
  }

  @Test
  void shouldLeaveKeysItDoesNotOwnAlone() {
    assertThat(
            ConfigDiff.between(
                Map.of(
                    "leader.replication.throttled.replicas", "*",
                    "follower.replication.throttled.replicas", "*"),
                Map.of(),
                Set.of(
                    "leader.replication.throttled.replicas",
                    "follower.replication.throttled.replicas")))
        .isEmpty();
  }

  @Test
  void shouldChangeNothingWhenConfigMatches() {
    assertThat(ConfigDiff.between(Map.of("a", "1"), Map.of("a", "1"), Set.of())).isEmpty();
  }
}
