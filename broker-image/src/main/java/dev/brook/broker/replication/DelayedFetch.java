package dev.brook.broker.replication;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.protocol.Errors;

/**
 * A fetch that waits (up to {@code fetch.max.wait.ms}) until {@code fetch.min.bytes} are readable,
 * or any partition has an error to report, then answers with a fresh read.
 */
final class DelayedFetch extends DelayedOperation {

  private final FetchParams params;
  private final LocalLogReader reader;
  private final CompletableFuture<Map<TopicPartition, PartitionFetchResult>> future =
      new CompletableFuture<>();

  DelayedFetch(FetchParams params, LocalLogReader reader) {
    this.params = params;
    this.reader = reader;
  }

  CompletableFuture<Map<TopicPartition, PartitionFetchResult>> future() {
    return future;
  }

  @Override
  protected boolean isSatisfied() {
    Map<TopicPartition, PartitionFetchResult> results = reader.read(params, false);
    long bytes = 0;
    for (PartitionFetchResult result : results.values()) {
      if (result.error() != Errors.NONE) {
        return true;
      }
      bytes += result.records().sizeInBytes();
    }
    return bytes >= params.minBytes();
  }

  @Override
  protected void complete(boolean expired) {
    try {
      future.complete(reader.read(params, true));
    } catch (RuntimeException e) {
      future.completeExceptionally(e);
    }
  }
}
