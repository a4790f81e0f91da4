package dev.brook.broker.api;

import dev.brook.broker.metadata.ClusterController;
import dev.brook.broker.metadata.TopicConfigAlterer.Change;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.ApiError;

/**
 * What AlterConfigs and IncrementalAlterConfigs share: topic changes are committed through the
 * controller in one call; broker configs are static in Brook (set at start-up), so altering them,
 * or any other resource, is refused with a message that says so.
 */
final class TopicConfigRequests {

  /** One resource of a request; {@code changes} matter for topics only. */
  record Resource(byte type, String name, List<Change> changes) {}

  /** Builds one resource's result in the response type of the API. */
  @FunctionalInterface
  interface ResultFactory<R> {
    R result(byte type, String name, ApiError error);
  }

  private TopicConfigRequests() {}

  static boolean isTopic(byte resourceType) {
    return ConfigResource.Type.forId(resourceType) == ConfigResource.Type.TOPIC;
  }

  /** The results of every resource: the topics' as the controller decided, then the refused. */
  static <R> CompletableFuture<List<R>> alter(
      ClusterController controller,
      String apiName,
      List<Resource> resources,
      boolean validateOnly,
      ResultFactory<R> factory) {
    Map<String, List<Change>> topicChanges = new LinkedHashMap<>();
    List<R> refused = new ArrayList<>();
    for (Resource resource : resources) {
      if (isTopic(resource.type())) {
        topicChanges.put(resource.name(), resource.changes());
      } else {
        refused.add(
            factory.result(
                resource.type(),
                resource.name(),
                new ApiError(
                    Errors.INVALID_REQUEST,
                    "Brook supports " + apiName + " for topics only; broker configs are static")));
      }
    }
    return controller
        .alterTopicConfigs(topicChanges, validateOnly)
        .thenApply(
            results -> {
              List<R> all = new ArrayList<>();
              results.forEach(
                  (topic, error) ->
                      all.add(factory.result(ConfigResource.Type.TOPIC.id(), topic, error)));
              all.addAll(refused);
              return all;
            });
  }
}
