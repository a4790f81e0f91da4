package dev.brook.operator.kafka;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.KafkaFuture;

/** Waits for Admin futures with a bound, turning failures into {@link KafkaCallException}. */
public final class KafkaCalls {

  private KafkaCalls() {}

  /** The value of {@code future}, waiting at most the Admin API timeout. */
  public static <T> T await(KafkaFuture<T> future, String what) {
    try {
      return future.get(AdminClients.API_TIMEOUT_MS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KafkaCallException(what + ": interrupted", e);
    } catch (ExecutionException e) {
      throw new KafkaCallException(what + ": " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new KafkaCallException(
          what + ": no answer within " + AdminClients.API_TIMEOUT_MS + " ms", e);
    }
  }
}
