package dev.brook.operator.group;

import dev.brook.operator.api.OffsetResetSpec;
import dev.brook.operator.api.OffsetResetTarget;
import dev.brook.operator.api.PartitionOffset;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/** Computes the committed offsets an offset reset asks for. */
final class OffsetResetPlanner {

  private static final Comparator<TopicPartition> BY_NAME =
      Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition);

  private OffsetResetPlanner() {}

  /**
   * @param committed the group's current committed offsets (the default scope of the reset)
   */
  static Map<TopicPartition, Long> plan(
      OffsetResetSpec reset, Map<TopicPartition, Long> committed, GroupOperations ops) {
    if (reset.getTo() == OffsetResetTarget.Offsets) {
      return explicit(reset);
    }
    Set<TopicPartition> scope =
        reset.getTopics().isEmpty() ? committed.keySet() : ops.partitionsOf(reset.getTopics());
    Map<TopicPartition, Long> offsets = ops.offsets(scope, offsetSpec(reset));
    // A timestamp after the last record resolves to -1: the group then starts at the end.
    Set<TopicPartition> beyondEnd =
        offsets.entrySet().stream()
            .filter(e -> e.getValue() < 0)
            .map(Map.Entry::getKey)
            .collect(Collectors.toSet());
    Map<TopicPartition, Long> plan = new TreeMap<>(BY_NAME);
    plan.putAll(offsets);
    plan.putAll(ops.offsets(beyondEnd, OffsetSpec.latest()));
    return plan;
  }

  private static Map<TopicPartition, Long> explicit(OffsetResetSpec reset) {
    return reset.getOffsets().stream()
        .collect(
            Collectors.toMap(
                (PartitionOffset o) -> new TopicPartition(o.getTopic(), o.getPartition()),
                PartitionOffset::getOffset,
                (a, b) -> b,
                () -> new TreeMap<>(BY_NAME)));
  }

  static OffsetSpec offsetSpec(OffsetResetSpec reset) {
    return switch (reset.getTo()) {
      case Earliest -> OffsetSpec.earliest();
      case Latest -> OffsetSpec.latest();
      case Timestamp ->
          OffsetSpec.forTimestamp(
              OffsetDateTime.parse(reset.getTimestamp()).toInstant().toEpochMilli());
      case Offsets -> throw new IllegalArgumentException("explicit offsets have no OffsetSpec");
    };
  }
}
