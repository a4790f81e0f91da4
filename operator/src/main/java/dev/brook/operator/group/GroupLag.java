package dev.brook.operator.group;

import dev.brook.operator.api.PartitionLag;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/** Lag per partition: the end offset minus the committed offset, never negative. */
final class GroupLag {

  private GroupLag() {}

  /**
   * @param committed committed offset per partition
   * @param end log end offset (high watermark) per partition; a partition without one has lag 0
   */
  static List<PartitionLag> of(Map<TopicPartition, Long> committed, Map<TopicPartition, Long> end) {
    return committed.entrySet().stream()
        .sorted(
            Comparator.comparing((Map.Entry<TopicPartition, Long> e) -> e.getKey().topic())
                .thenComparingInt(e -> e.getKey().partition()))
        .map(e -> lag(e.getKey(), e.getValue(), end.getOrDefault(e.getKey(), e.getValue())))
        .toList();
  }

  private static PartitionLag lag(TopicPartition partition, long committed, long end) {
    PartitionLag lag = new PartitionLag();
    lag.setTopic(partition.topic());
    lag.setPartition(partition.partition());
    lag.setCommittedOffset(committed);
    lag.setEndOffset(end);
    lag.setLag(Math.max(0, end - committed));
    return lag;
  }

  static long total(List<PartitionLag> lags) {
    return lags.stream().mapToLong(PartitionLag::getLag).sum();
  }
}
