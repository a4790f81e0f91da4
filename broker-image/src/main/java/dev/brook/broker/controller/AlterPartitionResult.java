package dev.brook.broker.controller;

import dev.brook.broker.metadata.image.PartitionRegistration;
import java.util.Optional;
import org.apache.kafka.common.protocol.Errors;

/**
 * The controller's answer to an {@link AlterPartitionRequest}: {@link Errors#NONE} with the
 * committed registration (its {@code partitionEpoch} is the one the leader must use next), or an
 * error and no registration. Errors: {@code FENCED_LEADER_EPOCH} (the request's leader epoch is
 * stale), {@code INVALID_UPDATE_VERSION} (partition epoch is stale), {@code NOT_LEADER_OR_FOLLOWER}
 * (the sender does not lead the partition), {@code STALE_BROKER_EPOCH}, {@code UNKNOWN_TOPIC_ID},
 * {@code UNKNOWN_TOPIC_OR_PARTITION}, {@code INELIGIBLE_REPLICA} (an ISR member is not a live
 * replica), {@code INVALID_REQUEST} (ISR empty or without the leader), {@code NOT_CONTROLLER}.
 */
public record AlterPartitionResult(Errors error, Optional<PartitionRegistration> registration) {

  public static AlterPartitionResult committed(PartitionRegistration registration) {
    return new AlterPartitionResult(Errors.NONE, Optional.of(registration));
  }

  public static AlterPartitionResult failed(Errors error) {
    return new AlterPartitionResult(error, Optional.empty());
  }
}
