package dev.brook.broker.api;

import dev.brook.broker.network.Request;
import dev.brook.broker.network.RequestDispatcher;
import java.nio.ByteBuffer;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.MessageUtil;
import org.apache.kafka.common.requests.AbstractRequest;

/**
 * Routes each request to the handler of its API, on the request-handler pool so that disk I/O never
 * runs on a network thread. Every implemented API must have a handler: {@link #verifyComplete}
 * fails start-up otherwise, so ApiVersions never advertises something nobody serves.
 */
public final class KafkaApis implements RequestDispatcher {

  private final Map<ApiKeys, ApiHandler> handlers = new EnumMap<>(ApiKeys.class);
  private final Executor requestHandlers;

  public KafkaApis(Executor requestHandlers) {
    this.requestHandlers = requestHandlers;
  }

  public KafkaApis register(ApiHandler handler, ApiKeys... apiKeys) {
    for (ApiKeys apiKey : apiKeys) {
      handlers.put(apiKey, handler);
    }
    return this;
  }

  public void verifyComplete(SupportedApis supported) {
    for (ApiKeys apiKey : supported.implemented()) {
      if (!handlers.containsKey(apiKey)) {
        throw new IllegalStateException(apiKey + " is advertised but has no handler");
      }
    }
  }

  @Override
  public CompletableFuture<ApiMessage> dispatch(Request request) {
    ApiHandler handler = handlers.get(request.apiKey());
    if (handler == null) {
      return CompletableFuture.failedFuture(
          new IllegalStateException("no handler for " + request.apiKey()));
    }
    return CompletableFuture.supplyAsync(() -> handler.handle(request), requestHandlers)
        .thenCompose(f -> f);
  }

  /**
   * Builds the error response kafka-clients itself would build for this request type, by handing a
   * re-serialized copy of the body to {@link AbstractRequest#getErrorResponse}. Only used when a
   * handler failed unexpectedly, so the extra copy does not matter.
   */
  @Override
  public ApiMessage errorResponse(Request request, Throwable error) {
    Throwable cause =
        error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    ByteBuffer body =
        MessageUtil.toByteBufferAccessor(request.body(), request.apiVersion()).buffer();
    AbstractRequest parsed =
        AbstractRequest.parseRequest(
                request.apiKey(), request.apiVersion(), new ByteBufferAccessor(body))
            .request;
    return parsed.getErrorResponse(0, cause).data();
  }
}
