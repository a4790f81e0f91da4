package dev.brook.broker.api;

import dev.brook.broker.controller.ClusterController;
import dev.brook.broker.network.Request;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.CreatePartitionsRequestData;
import org.apache.kafka.common.message.CreatePartitionsResponseData;
import org.apache.kafka.common.message.CreatePartitionsResponseData.CreatePartitionsTopicResult;
import org.apache.kafka.common.protocol.ApiMessage;

/** CreatePartitions through the controller. */
final class CreatePartitionsHandler implements ApiHandler {

  private final ClusterController controller;

  CreatePartitionsHandler(ClusterController controller) {
    this.controller = controller;
  }

  @Override
  public CompletableFuture<ApiMessage> handle(Request request) {
    CreatePartitionsRequestData data = request.body(CreatePartitionsRequestData.class);
    return controller
        .createPartitions(List.copyOf(data.topics()), data.validateOnly())
        .thenApply(
            results -> {
              CreatePartitionsResponseData response = new CreatePartitionsResponseData();
              results.forEach(
                  (topic, error) ->
                      response
                          .results()
                          .add(
                              new CreatePartitionsTopicResult()
                                  .setName(topic)
                                  .setErrorCode(error.error().code())
                                  .setErrorMessage(
                                      error.isSuccess() ? null : error.messageWithFallback())));
              return response;
            });
  }
}
