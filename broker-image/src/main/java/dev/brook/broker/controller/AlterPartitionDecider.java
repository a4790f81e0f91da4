package dev.brook.broker.controller;

import dev.brook.broker.metadata.image.BrokerRegistration;
import dev.brook.broker.metadata.image.MetadataImage;
import dev.brook.broker.metadata.image.PartitionRegistration;
import dev.brook.broker.metadata.image.TopicImage;
import dev.brook.broker.metadata.record.MetadataRecord.SetPartition;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.protocol.Errors;

/**
 * Validates an ISR change asked by a partition leader against the current image, as KRaft's
 * controller does: the sender must be the registered broker incarnation leading the partition at
 * the request's leader epoch, the partition epoch must be current (compare-and-set), and the new
 * ISR must hold the leader and only live replicas. A valid change commits with {@code
 * partitionEpoch + 1}; an ISR equal to the current one commits nothing and returns the current
 * registration. When the new ISR holds every replica a reassignment is adding, the reassignment
 * completes in the same commit.
 */
public final class AlterPartitionDecider {

  public ControllerResult<AlterPartitionResult> decide(
      MetadataImage image, AlterPartitionRequest request) {
    Optional<Errors> error = validate(image, request);
    if (error.isPresent()) {
      return ControllerResult.of(List.of(), AlterPartitionResult.failed(error.get()));
    }
    TopicImage topic = image.topic(request.topicId()).orElseThrow();
    PartitionRegistration current = topic.partitions().get(request.partition());
    if (new HashSet<>(current.isr()).equals(new HashSet<>(request.newIsr()))) {
      return ControllerResult.of(List.of(), AlterPartitionResult.committed(current));
    }
    PartitionRegistration withNewIsr = current.withIsr(request.newIsr());
    // The ISR change that brings the last adding replica in sync also completes a reassignment.
    PartitionRegistration next = PartitionReassigner.maybeComplete(withNewIsr).orElse(withNewIsr);
    return ControllerResult.of(
        List.of(new SetPartition(topic.id(), request.partition(), next)),
        AlterPartitionResult.committed(next));
  }

  private static Optional<Errors> validate(MetadataImage image, AlterPartitionRequest request) {
    BrokerRegistration broker = image.brokers().get(request.brokerId());
    if (broker == null || broker.epoch() != request.brokerEpoch()) {
      return Optional.of(Errors.STALE_BROKER_EPOCH);
    }
    Optional<TopicImage> topic = image.topic(request.topicId());
    if (topic.isEmpty()) {
      return Optional.of(Errors.UNKNOWN_TOPIC_ID);
    }
    PartitionRegistration current = topic.get().partitions().get(request.partition());
    if (current == null) {
      return Optional.of(Errors.UNKNOWN_TOPIC_OR_PARTITION);
    }
    if (request.leaderEpoch() < current.leaderEpoch()) {
      return Optional.of(Errors.FENCED_LEADER_EPOCH);
    }
    if (current.leader() != request.brokerId() || request.leaderEpoch() > current.leaderEpoch()) {
      return Optional.of(Errors.NOT_LEADER_OR_FOLLOWER);
    }
    if (request.partitionEpoch() != current.partitionEpoch()) {
      return Optional.of(Errors.INVALID_UPDATE_VERSION);
    }
    List<Integer> isr = request.newIsr();
    if (isr.isEmpty()
        || !isr.contains(request.brokerId())
        || new HashSet<>(isr).size() != isr.size()) {
      return Optional.of(Errors.INVALID_REQUEST);
    }
    for (int replica : isr) {
      if (!current.replicas().contains(replica) || !PartitionLeaderElector.isLive(image, replica)) {
        return Optional.of(Errors.INELIGIBLE_REPLICA);
      }
    }
    return Optional.empty();
  }
}
