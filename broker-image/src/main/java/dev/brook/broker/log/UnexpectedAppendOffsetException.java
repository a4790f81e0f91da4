package dev.brook.broker.log;

import org.apache.kafka.common.KafkaException;

/** A follower append whose first offset is below the log end offset: the replica must truncate. */
public class UnexpectedAppendOffsetException extends KafkaException {

  private static final long serialVersionUID = 1L;

  public UnexpectedAppendOffsetException(String message) {
    super(message);
  }
}
