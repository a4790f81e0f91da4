package dev.brook.broker.api;

import dev.brook.broker.controller.ClusterController;
import dev.brook.broker.network.Request;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.UnregisterBrokerRequestData;
import org.apache.kafka.common.message.UnregisterBrokerResponseData;
import org.apache.kafka.common.protocol.ApiMessage;

/**
 * UnregisterBroker ({@code Admin.unregisterBroker}, {@code kafka-cluster unregister}): any broker
 * takes it and the controller decides; a refusal comes back with its reason.
 */
final class UnregisterBrokerHandler implements ApiHandler {

  private final ClusterController controller;

  UnregisterBrokerHandler(ClusterController controller) {
    this.controller = controller;
  }

  @Override
  public CompletableFuture<ApiMessage> handle(Request request) {
    int brokerId = request.body(UnregisterBrokerRequestData.class).brokerId();
    return controller
        .unregisterBroker(brokerId)
        .thenApply(
            outcome ->
                new UnregisterBrokerResponseData()
                    .setErrorCode(outcome.error().code())
                    .setErrorMessage(outcome.isSuccess() ? null : outcome.messageWithFallback()));
  }
}
