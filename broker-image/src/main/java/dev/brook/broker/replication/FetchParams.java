package dev.brook.broker.replication;

import java.util.Map;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * A fetch: partitions in request order, the wait and size bounds, and who asks. Consumers ({@code
 * replicaId} -1) read up to the high watermark (read_committed: the last stable offset, equal to it
 * until transactions exist); followers read up to the log end.
 */
public record FetchParams(
    int replicaId,
    Map<TopicPartition, PartitionFetch> partitions,
    long maxWaitMs,
    int minBytes,
    int maxBytes,
    IsolationLevel isolationLevel) {

  public static final int CONSUMER = -1;

  public FetchParams {
    partitions = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(partitions));
  }

  public boolean isFromFollower() {
    return replicaId >= 0;
  }
}
