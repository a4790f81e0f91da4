package dev.brook.operator.topic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.junit.jupiter.api.Test;

class TopicConfigDiffTest {

  @Test
  void shouldSetChangedAndNewKeysWhenSpecDiffers() {
    var ops =
        TopicConfigDiff.between(
            Map.of("retention.ms", "1000"),
            Map.of("retention.ms", "2000", "segment.bytes", "1024"));

    assertThat(ops)
        .extracting(
            op -> op.opType(), op -> op.configEntry().name(), op -> op.configEntry().value())
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(AlterConfigOp.OpType.SET, "retention.ms", "2000"),
            org.assertj.core.groups.Tuple.tuple(AlterConfigOp.OpType.SET, "segment.bytes", "1024"));
  }

  @Test
  void shouldDeleteDynamicKeysWhenSpecNoLongerNamesThem() {
    var ops = TopicConfigDiff.between(Map.of("retention.ms", "1000"), Map.of());

    assertThat(ops).hasSize(1);
    assertThat(ops.get(0).opType()).isEqualTo(AlterConfigOp.OpType.DELETE);
    assertThat(ops.get(0).configEntry().name()).isEqualTo("retention.ms");
  }

  @Test
  void shouldLeaveTheThrottlesOfPartitionMovesAlone() {
    assertThat(
            TopicConfigDiff.between(
                Map.of(
                    "leader.replication.throttled.replicas", "*",
                    "follower.replication.throttled.replicas", "*"),
                Map.of()))
        .isEmpty();
  }

  @Test
  void shouldChangeNothingWhenConfigMatches() {
    assertThat(TopicConfigDiff.between(Map.of("a", "1"), Map.of("a", "1"))).isEmpty();
  }
}
