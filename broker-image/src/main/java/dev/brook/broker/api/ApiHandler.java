package dev.brook.broker.api;

import dev.brook.broker.network.Request;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.protocol.ApiMessage;

/** Serves one API (or a family of APIs sharing state). */
@FunctionalInterface
public interface ApiHandler {

  /** Completes with the response body; {@code null} for no response (Produce acks=0). */
  CompletableFuture<ApiMessage> handle(Request request);
}
