package dev.brook.broker.api;

import dev.brook.broker.api.ConfigRequests.Resource;
import dev.brook.broker.controller.ClusterController;
import dev.brook.broker.controller.ConfigChange;
import dev.brook.broker.network.Request;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.admin.AlterConfigOp.OpType;
import org.apache.kafka.common.message.IncrementalAlterConfigsRequestData;
import org.apache.kafka.common.message.IncrementalAlterConfigsRequestData.AlterConfigsResource;
import org.apache.kafka.common.message.IncrementalAlterConfigsRequestData.AlterableConfig;
import org.apache.kafka.common.message.IncrementalAlterConfigsResponseData;
import org.apache.kafka.common.message.IncrementalAlterConfigsResponseData.AlterConfigsResourceResponse;
import org.apache.kafka.common.protocol.ApiMessage;

/**
 * IncrementalAlterConfigs for topics and for brokers' dynamic configs ({@link
 * dev.brook.broker.metadata.image.DynamicBrokerConfigs}), committed through the controller.
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
    List<Resource> resources = new ArrayList<>();
    for (AlterConfigsResource resource : data.resources()) {
      resources.add(
          new Resource(resource.resourceType(), resource.resourceName(), changesOf(resource)));
    }
    return ConfigRequests.alter(
            controller,
            "IncrementalAlterConfigs",
            resources,
            data.validateOnly(),
            (type, name, error) ->
                new AlterConfigsResourceResponse()
                    .setResourceType(type)
                    .setResourceName(name)
                    .setErrorCode(error.error().code())
                    .setErrorMessage(error.isSuccess() ? null : error.messageWithFallback()))
        .thenApply(results -> new IncrementalAlterConfigsResponseData().setResponses(results));
  }

  private static List<ConfigChange> changesOf(AlterConfigsResource resource) {
    List<ConfigChange> changes = new ArrayList<>();
    for (AlterableConfig config : resource.configs()) {
      changes.add(
          new ConfigChange(config.name(), OpType.forId(config.configOperation()), config.value()));
    }
    return changes;
  }
}
