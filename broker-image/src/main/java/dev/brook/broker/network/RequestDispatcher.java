package dev.brook.broker.network;

import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.protocol.ApiMessage;

/** Serves decoded requests; implemented by the API layer. */
public interface RequestDispatcher {

  /**
   * Completes with the response body, or with {@code null} when the request gets no response
   * (Produce with acks=0). Must not block the calling (event-loop) thread.
   */
  CompletableFuture<ApiMessage> dispatch(Request request);

  /** An error response of the right shape for {@code request}, for failures the handler missed. */
  ApiMessage errorResponse(Request request, Throwable error);
}
