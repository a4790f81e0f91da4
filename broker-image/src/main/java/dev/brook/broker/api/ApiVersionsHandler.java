package dev.brook.broker.api;

import dev.brook.broker.network.Request;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.ApiVersionsResponseData;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;

/**
 * Answers ApiVersions. A request above our newest version gets UNSUPPORTED_VERSION with the full
 * list (the connection encodes it at v0), so that the client retries with a version we know.
 */
final class ApiVersionsHandler implements ApiHandler {

  private final SupportedApis supported;

  ApiVersionsHandler(SupportedApis supported) {
    this.supported = supported;
  }

  @Override
  public CompletableFuture<ApiMessage> handle(Request request) {
    ApiVersionsResponseData response =
        new ApiVersionsResponseData().setApiKeys(supported.advertised()).setThrottleTimeMs(0);
    if (request.hasUnsupportedVersion()) {
      response.setErrorCode(Errors.UNSUPPORTED_VERSION.code());
    }
    return CompletableFuture.completedFuture(response);
  }
}
