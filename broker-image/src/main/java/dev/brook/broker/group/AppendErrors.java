package dev.brook.broker.group;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.protocol.Errors;

/**
 * Maps a failed append to {@code __consumer_offsets} to the error a group client understands, as
 * Kafka 4.x's group coordinator does: replication trouble is retriable at the same coordinator,
 * lost leadership sends the client to find the coordinator again.
 */
final class AppendErrors {
  private AppendErrors() {}

  static Errors toGroupError(Throwable failure) {
    Throwable cause = unwrap(failure);
    Errors error = Errors.forException(cause);
    return switch (error) {
      case UNKNOWN_TOPIC_OR_PARTITION,
          NOT_ENOUGH_REPLICAS,
          NOT_ENOUGH_REPLICAS_AFTER_APPEND,
          REQUEST_TIMED_OUT ->
          Errors.COORDINATOR_NOT_AVAILABLE;
      case NOT_LEADER_OR_FOLLOWER, KAFKA_STORAGE_ERROR -> Errors.NOT_COORDINATOR;
      case MESSAGE_TOO_LARGE, RECORD_LIST_TOO_LARGE, INVALID_FETCH_SIZE ->
          Errors.UNKNOWN_SERVER_ERROR;
      default -> error;
    };
  }

  private static Throwable unwrap(Throwable failure) {
    Throwable current = failure;
    while ((current instanceof CompletionException || current instanceof ExecutionException)
        && current.getCause() != null) {
      current = current.getCause();
    }
    return current;
  }
}
