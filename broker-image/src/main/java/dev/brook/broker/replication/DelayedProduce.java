package dev.brook.broker.replication;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.protocol.Errors;

/**
 * An acks=all produce waiting until every successfully appended batch is below its partition's high
 * watermark. Partitions still short of it at the deadline answer REQUEST_TIMED_OUT (the data may
 * still become committed: the client retries, and idempotence removes the duplicate). A partition
 * that lost leadership meanwhile answers NOT_LEADER_OR_FOLLOWER.
 */
final class DelayedProduce extends DelayedOperation {

  private final Map<TopicPartition, PartitionAppendResult> appended;
  private final Function<TopicPartition, Partition> partitions;
  private final CompletableFuture<Map<TopicPartition, PartitionAppendResult>> future =
      new CompletableFuture<>();

  DelayedProduce(
      Map<TopicPartition, PartitionAppendResult> appended,
      Function<TopicPartition, Partition> partitions) {
    this.appended = appended;
    this.partitions = partitions;
  }

  CompletableFuture<Map<TopicPartition, PartitionAppendResult>> future() {
    return future;
  }

  @Override
  protected boolean isSatisfied() {
    return appended.entrySet().stream()
        .allMatch(
            e ->
                !e.getValue().isSuccess()
                    || stateOf(e.getKey(), e.getValue()) != Errors.REQUEST_TIMED_OUT);
  }

  @Override
  protected void complete(boolean expired) {
    Map<TopicPartition, PartitionAppendResult> results = new LinkedHashMap<>();
    appended.forEach(
        (tp, result) -> {
          Errors state = result.isSuccess() ? stateOf(tp, result) : result.error();
          results.put(
              tp,
              state == Errors.NONE || !result.isSuccess()
                  ? result
                  : PartitionAppendResult.failure(state, state.message()));
        });
    future.complete(results);
  }

  /** NONE when committed, NOT_LEADER_OR_FOLLOWER when leadership moved, else still waiting. */
  private Errors stateOf(TopicPartition tp, PartitionAppendResult result) {
    Partition partition = partitions.apply(tp);
    if (partition == null || !partition.isLeader()) {
      return Errors.NOT_LEADER_OR_FOLLOWER;
    }
    return partition.log().highWatermark() > result.info().lastOffset()
        ? Errors.NONE
        : Errors.REQUEST_TIMED_OUT;
  }
}
