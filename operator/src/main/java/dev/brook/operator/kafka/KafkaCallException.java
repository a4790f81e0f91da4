package dev.brook.operator.kafka;

import org.apache.kafka.common.errors.RetriableException;

/**
 * An Admin call that failed. {@link #retriable()} tells a broker that is starting or moving
 * leadership (worth another try soon) from a request the cluster refuses as written.
 */
public class KafkaCallException extends RuntimeException {

  public KafkaCallException(String message, Throwable cause) {
    super(message, cause);
  }

  /** True when the same call can succeed later without a spec change. */
  public boolean retriable() {
    return getCause() instanceof RetriableException
        || getCause() instanceof java.util.concurrent.TimeoutException
        || getCause() instanceof InterruptedException;
  }
}
