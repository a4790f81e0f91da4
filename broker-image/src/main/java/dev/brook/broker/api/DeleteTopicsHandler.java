package dev.brook.broker.api;

import dev.brook.broker.controller.ClusterController;
import dev.brook.broker.controller.TopicDeleter.Outcome;
import dev.brook.broker.controller.TopicDeleter.Target;
import dev.brook.broker.network.Request;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.DeleteTopicsRequestData;
import org.apache.kafka.common.message.DeleteTopicsRequestData.DeleteTopicState;
import org.apache.kafka.common.message.DeleteTopicsResponseData;
import org.apache.kafka.common.message.DeleteTopicsResponseData.DeletableTopicResult;
import org.apache.kafka.common.protocol.ApiMessage;

/** DeleteTopics by name (v1-5) or by name or id (v6+). */
final class DeleteTopicsHandler implements ApiHandler {

  private final ClusterController controller;

  DeleteTopicsHandler(ClusterController controller) {
    this.controller = controller;
  }

  @Override
  public CompletableFuture<ApiMessage> handle(Request request) {
    DeleteTopicsRequestData data = request.body(DeleteTopicsRequestData.class);
    List<Target> targets = new ArrayList<>();
    if (request.apiVersion() >= 6) {
      for (DeleteTopicState topic : data.topics()) {
        targets.add(
            new Target(topic.name(), topic.name() == null ? topic.topicId() : Uuid.ZERO_UUID));
      }
    } else {
      data.topicNames().forEach(name -> targets.add(new Target(name, Uuid.ZERO_UUID)));
    }
    return controller
        .deleteTopics(targets)
        .thenApply(
            outcomes -> {
              DeleteTopicsResponseData response = new DeleteTopicsResponseData();
              for (Target target : targets) {
                Outcome outcome = outcomes.get(target);
                response
                    .responses()
                    .add(
                        new DeletableTopicResult()
                            .setName(outcome.name())
                            .setTopicId(outcome.id() == null ? Uuid.ZERO_UUID : outcome.id())
                            .setErrorCode(outcome.error().error().code())
                            .setErrorMessage(
                                outcome.error().isSuccess()
                                    ? null
                                    : outcome.error().messageWithFallback()));
              }
              return response;
            });
  }
}
