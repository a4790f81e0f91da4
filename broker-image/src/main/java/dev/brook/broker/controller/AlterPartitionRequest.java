package dev.brook.broker.controller;

import java.util.List;
import org.apache.kafka.common.Uuid;

/**
 * A partition leader asks the controller to replace the partition's ISR (shrink after a follower
 * lagged {@code replica.lag.time.max.ms}, expand once it caught up). {@code leaderEpoch} and {@code
 * partitionEpoch} are the leader's view of the partition: the controller refuses the change if
 * either is stale, so a deposed leader can never overwrite a newer registration.
 */
public record AlterPartitionRequest(
    int brokerId,
    long brokerEpoch,
    Uuid topicId,
    int partition,
    int leaderEpoch,
    int partitionEpoch,
    List<Integer> newIsr) {

  public AlterPartitionRequest {
    newIsr = List.copyOf(newIsr);
  }
}
