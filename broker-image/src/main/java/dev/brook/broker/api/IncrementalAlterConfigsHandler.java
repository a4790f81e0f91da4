package dev.brook.broker.api;

import dev.brook.broker.metadata.ClusterController;
import dev.brook.broker.metadata.TopicConfigAlterer.Change;
import dev.brook.broker.network.Request;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.admin.AlterConfigOp.OpType;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.message.IncrementalAlterConfigsRequestData;
import org.apache.kafka.common.message.IncrementalAlterConfigsRequestData.AlterConfigsResource;
import org.apache.kafka.common.message.IncrementalAlterConfigsRequestData.AlterableConfig;
import org.apache.kafka.common.message.IncrementalAlterConfigsResponseData;
import org.apache.kafka.common.message.IncrementalAlterConfigsResponseData.AlterConfigsResourceResponse;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.ApiError;

/**
 * IncrementalAlterConfigs for topics, committed through the controller. Broker configs are static
 * in Brook (set at start-up), so altering them is refused with a message that says so.
 */
final class IncrementalAlterConfigsHandler implements ApiHandler {

  private final ClusterController controller;

  IncrementalAlterConfigsHandler(ClusterController controller) {
    this.controller = controller;
  }

  @Override
  public CompletableFuture<ApiMessage> handle(Request request) {
    IncrementalAlterConfigsRequestData data =
        request.body(IncrementalAlterConfigsRequestData.class);
    Map<String, List<Change>> topicChanges = new LinkedHashMap<>();
    List<AlterConfigsResourceResponse> refused = new ArrayList<>();
    for (AlterConfigsResource resource : data.resources()) {
      if (ConfigResource.Type.forId(resource.resourceType()) == ConfigResource.Type.TOPIC) {
        topicChanges.put(resource.resourceName(), changesOf(resource));
      } else {
        refused.add(
            result(
                resource.resourceType(),
                resource.resourceName(),
                new ApiError(
                    Errors.INVALID_REQUEST,
                    "Brook supports IncrementalAlterConfigs for topics only; broker configs are static")));
      }
    }
    return controller
        .alterTopicConfigs(topicChanges, data.validateOnly())
        .thenApply(
            results -> {
              IncrementalAlterConfigsResponseData response =
                  new IncrementalAlterConfigsResponseData();
              results.forEach(
                  (topic, error) ->
                      response
                          .responses()
                          .add(result(ConfigResource.Type.TOPIC.id(), topic, error)));
              response.responses().addAll(refused);
              return response;
            });
  }

  private static List<Change> changesOf(AlterConfigsResource resource) {
    List<Change> changes = new ArrayList<>();
    for (AlterableConfig config : resource.configs()) {
      changes.add(
          new Change(config.name(), OpType.forId(config.configOperation()), config.value()));
    }
    return changes;
  }

  private static AlterConfigsResourceResponse result(byte type, String name, ApiError error) {
    return new AlterConfigsResourceResponse()
        .setResourceType(type)
        .setResourceName(name)
        .setErrorCode(error.error().code())
        .setErrorMessage(error.isSuccess() ? null : error.messageWithFallback());
  }
}
