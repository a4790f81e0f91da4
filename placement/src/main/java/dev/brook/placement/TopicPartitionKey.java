package dev.brook.placement;

import java.util.Comparator;
import java.util.Objects;

/** A partition of a topic; ordered by topic name, then partition index. */
public record TopicPartitionKey(String topic, int partition)
    implements Comparable<TopicPartitionKey> {

  private static final Comparator<TopicPartitionKey> ORDER =
      Comparator.comparing(TopicPartitionKey::topic).thenComparingInt(TopicPartitionKey::partition);

  public TopicPartitionKey {
    Objects.requireNonNull(topic, "topic");
    if (partition < 0) {
      throw new IllegalArgumentException("partition must be >= 0, got " + partition);
    }
  }

  @Override
  public int compareTo(TopicPartitionKey other) {
    return ORDER.compare(this, other);
  }

  @Override
  public String toString() {
    return topic + "-" + partition;
  }
}
