package dev.brook.broker.replication;

import java.util.Map;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * A consumer fetch: partitions in request order, the wait and size bounds, and the isolation level
 * (read_committed reads up to the last stable offset, which equals the high watermark until
 * transactions exist).
 */
public record FetchParams(
    Map<TopicPartition, PartitionFetch> partitions,
    long maxWaitMs,
    int minBytes,
    int maxBytes,
    IsolationLevel isolationLevel) {

  public FetchParams {
    partitions = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(partitions));
  }
}
