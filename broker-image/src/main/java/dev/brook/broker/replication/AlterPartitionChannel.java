package dev.brook.broker.replication;

import dev.brook.broker.metadata.image.PartitionRegistration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.Uuid;

/**
 * How a partition leader asks the active controller to change the partition's ISR. The controller
 * checks the leader and partition epochs, commits the change to the metadata log and answers with
 * the committed registration; it fails with Kafka's error types (FencedLeaderEpochException,
 * InvalidUpdateVersionException, NotControllerException, ...).
 */
@FunctionalInterface
public interface AlterPartitionChannel {

  CompletableFuture<PartitionRegistration> alterIsr(
      Uuid topicId, int partition, int leaderEpoch, int partitionEpoch, List<Integer> newIsr);

  /** A single-node cluster has no followers, so its ISR never changes. */
  AlterPartitionChannel NONE =
      (topicId, partition, leaderEpoch, partitionEpoch, newIsr) ->
          CompletableFuture.failedFuture(
              new IllegalStateException("ISR changes need a controller quorum"));
}
