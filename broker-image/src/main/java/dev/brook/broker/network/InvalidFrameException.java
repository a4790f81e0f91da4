package dev.brook.broker.network;

/**
 * The bytes on a connection cannot be a Kafka request. Not retryable: the connection is closed,
 * other connections are unaffected.
 */
public class InvalidFrameException extends RuntimeException {

  public InvalidFrameException(String message) {
    super(message);
  }

  public InvalidFrameException(String message, Throwable cause) {
    super(message, cause);
  }
}
