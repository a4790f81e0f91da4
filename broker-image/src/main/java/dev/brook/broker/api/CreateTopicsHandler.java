package dev.brook.broker.api;

import dev.brook.broker.controller.ClusterController;
import dev.brook.broker.controller.TopicCreationResult;
import dev.brook.broker.network.Request;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.CreateTopicsRequestData;
import org.apache.kafka.common.message.CreateTopicsResponseData;
import org.apache.kafka.common.message.CreateTopicsResponseData.CreatableTopicConfigs;
import org.apache.kafka.common.message.CreateTopicsResponseData.CreatableTopicResult;
import org.apache.kafka.common.protocol.ApiMessage;

/** CreateTopics through the controller; v5+ responses carry the effective configs. */
final class CreateTopicsHandler implements ApiHandler {

  private final ClusterController controller;
  private final TopicConfigEntries configEntries;

  CreateTopicsHandler(ClusterController controller, TopicConfigEntries configEntries) {
    this.controller = controller;
    this.configEntries = configEntries;
  }

  @Override
  public CompletableFuture<ApiMessage> handle(Request request) {
    CreateTopicsRequestData data = request.body(CreateTopicsRequestData.class);
    return controller
        .createTopics(List.copyOf(data.topics()), data.validateOnly())
        .thenApply(this::response);
  }

  private ApiMessage response(List<TopicCreationResult> results) {
    CreateTopicsResponseData response = new CreateTopicsResponseData();
    for (TopicCreationResult result : results) {
      CreatableTopicResult topic =
          new CreatableTopicResult()
              .setName(result.name())
              .setErrorCode(result.error().error().code())
              .setErrorMessage(
                  result.error().isSuccess() ? null : result.error().messageWithFallback())
              .setTopicId(result.topicId())
              .setNumPartitions(result.partitions())
              .setReplicationFactor(result.replicationFactor());
      if (result.error().isSuccess()) {
        for (TopicConfigEntries.Entry entry : configEntries.of(result.configs())) {
          topic
              .configs()
              .add(
                  new CreatableTopicConfigs()
                      .setName(entry.name())
                      .setValue(entry.value())
                      .setConfigSource(entry.source().id())
                      .setReadOnly(false)
                      .setIsSensitive(false));
        }
      }
      response.topics().add(topic);
    }
    return response;
  }
}
