package dev.brook.broker.api;

import dev.brook.broker.api.TopicConfigRequests.Resource;
import dev.brook.broker.metadata.ClusterController;
import dev.brook.broker.metadata.TopicConfigAlterer.Change;
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
    List<Resource> resources = new ArrayList<>();
    for (AlterConfigsResource resource : data.resources()) {
      resources.add(
          new Resource(resource.resourceType(), resource.resourceName(), changesOf(resource)));
    }
    return TopicConfigRequests.alter(
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

  private static List<Change> changesOf(AlterConfigsResource resource) {
    List<Change> changes = new ArrayList<>();
    for (AlterableConfig config : resource.configs()) {
      changes.add(
          new Change(config.name(), OpType.forId(config.configOperation()), config.value()));
    }
    return changes;
  }
}
