package dev.brook.broker.api;

import dev.brook.broker.controller.ClusterController;
import dev.brook.broker.controller.ConfigChange;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.ApiError;

/**
 * What AlterConfigs and IncrementalAlterConfigs share: topic changes and brokers' dynamic config
 * changes are committed through the controller, one call per resource type; any other resource type
 * is refused with a message that says so. Results come back in the request's order.
 */
final class ConfigRequests {

  private static final List<ConfigResource.Type> ALTERABLE =
      List.of(ConfigResource.Type.TOPIC, ConfigResource.Type.BROKER);

  /** One resource of a request. */
  record Resource(byte type, String name, List<ConfigChange> changes) {}

  /** Builds one resource's result in the response type of the API. */
  @FunctionalInterface
  interface ResultFactory<R> {
    R result(byte type, String name, ApiError error);
  }

  private ConfigRequests() {}

  static ConfigResource.Type typeOf(byte resourceType) {
    return ConfigResource.Type.forId(resourceType);
  }

  static <R> CompletableFuture<List<R>> alter(
      ClusterController controller,
      String apiName,
      List<Resource> resources,
      boolean validateOnly,
      ResultFactory<R> factory) {
    Map<ConfigResource.Type, Map<String, List<ConfigChange>>> byType = new LinkedHashMap<>();
    for (Resource resource : resources) {
      ConfigResource.Type type = typeOf(resource.type());
      if (ALTERABLE.contains(type)) {
        byType
            .computeIfAbsent(type, t -> new LinkedHashMap<>())
            .put(resource.name(), resource.changes());
      }
    }
    Map<ConfigResource.Type, CompletableFuture<Map<String, ApiError>>> decided =
        new LinkedHashMap<>();
    byType.forEach(
        (type, changes) -> decided.put(type, controller.alterConfigs(type, changes, validateOnly)));
    return CompletableFuture.allOf(decided.values().toArray(CompletableFuture[]::new))
        .thenApply(
            done -> {
              List<R> results = new ArrayList<>();
              for (Resource resource : resources) {
                ConfigResource.Type type = typeOf(resource.type());
                ApiError error =
                    decided.containsKey(type)
                        ? decided.get(type).join().getOrDefault(resource.name(), ApiError.NONE)
                        : new ApiError(
                            Errors.INVALID_REQUEST,
                            "Brook supports "
                                + apiName
                                + " for topics and brokers only, not "
                                + type);
                results.add(factory.result(resource.type(), resource.name(), error));
              }
              return results;
            });
  }
}
