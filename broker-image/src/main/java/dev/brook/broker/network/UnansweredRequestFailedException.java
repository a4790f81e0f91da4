package dev.brook.broker.network;

/**
 * A request that gets no response (Produce with acks=0) failed. The only way to tell the client is
 * to close its connection, which makes it refresh its metadata, as Kafka does.
 */
public final class UnansweredRequestFailedException extends RuntimeException {

  public UnansweredRequestFailedException(String message) {
    super(message);
  }
}
