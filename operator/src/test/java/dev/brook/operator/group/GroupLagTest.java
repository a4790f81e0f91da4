package dev.brook.operator.group;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brook.operator.api.PartitionLag;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class GroupLagTest {

  @Test
  void shouldComputeLagPerPartitionAndTotalWhenOffsetsAreKnown() {
    TopicPartition p0 = new TopicPartition("t", 0);
    TopicPartition p1 = new TopicPartition("t", 1);

    List<PartitionLag> lags = GroupLag.of(Map.of(p1, 5L, p0, 400L), Map.of(p0, 1000L, p1, 5L));

    assertThat(lags).extracting(PartitionLag::getPartition).containsExactly(0, 1);
    assertThat(lags).extracting(PartitionLag::getLag).containsExactly(600L, 0L);
    assertThat(GroupLag.total(lags)).isEqualTo(600);
  }

  @Test
  void shouldNeverReportNegativeLagWhenCommittedIsAheadOfEnd() {
    TopicPartition p0 = new TopicPartition("t", 0);

    assertThat(GroupLag.of(Map.of(p0, 10L), Map.of(p0, 3L)).get(0).getLag()).isZero();
  }
}
