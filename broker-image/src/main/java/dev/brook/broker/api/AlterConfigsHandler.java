package dev.brook.broker.api;

import dev.brook.broker.api.ConfigRequests.Resource;
import dev.brook.broker.controller.ClusterController;
import dev.brook.broker.controller.ConfigChange;
import dev.brook.broker.log.LogConfig;
import dev.brook.broker.metadata.MetadataCache;
import dev.brook.broker.metadata.image.DynamicBrokerConfigs;
import dev.brook.broker.metadata.image.TopicImage;
import dev.brook.broker.network.Request;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.admin.AlterConfigOp.OpType;
import org.apache.kafka.common.message.AlterConfigsRequestData;
import org.apache.kafka.common.message.AlterConfigsRequestData.AlterConfigsResource;
import org.apache.kafka.common.message.AlterConfigsRequestData.AlterableConfig;
import org.apache.kafka.common.message.AlterConfigsResponseData;
import org.apache.kafka.common.message.AlterConfigsResponseData.AlterConfigsResourceResponse;
import org.apache.kafka.common.protocol.ApiMessage;

/**
 * The legacy, non-incremental AlterConfigs, which is what librdkafka's, kafka-python's and
 * KafkaJS's alter-configs calls send: the request holds a topic's whole set of overrides, so every
 * key it does not name goes back to its default, as in Apache Kafka; a null value removes its key
 * too. It becomes SET and DELETE changes committed through the controller like
 * IncrementalAlterConfigs: DELETE for every public topic key the request leaves out (a no-op where
 * nothing is set, decided against the controller's image) and for any other key this broker sees
 * set. For a broker, the same with its dynamic configs ({@link DynamicBrokerConfigs}).
 */
final class AlterConfigsHandler implements ApiHandler {

  private final ClusterController controller;
  private final MetadataCache cache;

  AlterConfigsHandler(ClusterController controller, MetadataCache cache) {
    this.controller = controller;
    this.cache = cache;
  }

  @Override
  public CompletableFuture<ApiMessage> handle(Request request) {
    AlterConfigsRequestData data = request.body(AlterConfigsRequestData.class);
    List<Resource> resources = new ArrayList<>();
    for (AlterConfigsResource resource : data.resources()) {
      List<ConfigChange> changes =
          switch (ConfigRequests.typeOf(resource.resourceType())) {
            case TOPIC -> replacement(resource, topicKeys(resource.resourceName()));
            case BROKER -> replacement(resource, DynamicBrokerConfigs.keys());
            default -> List.of();
          };
      resources.add(new Resource(resource.resourceType(), resource.resourceName(), changes));
    }
    return ConfigRequests.alter(
            controller,
            "AlterConfigs",
            resources,
            data.validateOnly(),
            (type, name, error) ->
                new AlterConfigsResourceResponse()
                    .setResourceType(type)
                    .setResourceName(name)
                    .setErrorCode(error.error().code())
                    .setErrorMessage(error.isSuccess() ? null : error.messageWithFallback()))
        .thenApply(results -> new AlterConfigsResponseData().setResponses(results));
  }

  /**
   * The changes that make the resource's overrides exactly the request's non-null entries: DELETE
   * for every key of {@code resettable} the request leaves out.
   */
  private static List<ConfigChange> replacement(
      AlterConfigsResource resource, Set<String> resettable) {
    List<ConfigChange> changes = new ArrayList<>();
    Set<String> kept = new LinkedHashSet<>();
    for (AlterableConfig config : resource.configs()) {
      if (config.value() != null) {
        changes.add(new ConfigChange(config.name(), OpType.SET, config.value()));
        kept.add(config.name());
      }
    }
    Set<String> removed = new LinkedHashSet<>(resettable);
    removed.removeAll(kept);
    removed.forEach(key -> changes.add(new ConfigChange(key, OpType.DELETE, null)));
    return changes;
  }

  /** Every public topic key, and any other key this broker sees set on {@code topic}. */
  private Set<String> topicKeys(String topic) {
    Set<String> keys = new LinkedHashSet<>(LogConfig.supportedKeys());
    cache.image().topic(topic).map(TopicImage::configs).map(Map::keySet).ifPresent(keys::addAll);
    return keys;
  }
}
