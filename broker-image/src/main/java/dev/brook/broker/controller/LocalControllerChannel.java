package dev.brook.broker.controller;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.message.CreateTopicsRequestData.CreatableTopic;
import org.apache.kafka.common.requests.ApiError;

/** The {@link ControllerChannel} of a single-node cluster: the controller is in this process. */
public final class LocalControllerChannel implements ControllerChannel {

  private final ClusterController controller;

  public LocalControllerChannel(ClusterController controller) {
    this.controller = controller;
  }

  @Override
  public CompletableFuture<AlterPartitionResult> alterPartition(AlterPartitionRequest request) {
    return controller.alterPartition(request);
  }

  @Override
  public CompletableFuture<Long> allocateProducerIds(int brokerId) {
    return controller.allocateProducerIds(brokerId);
  }

  @Override
  public CompletableFuture<List<TopicCreationResult>> createTopics(
      List<CreatableTopic> topics, boolean validateOnly) {
    return controller.createTopics(topics, validateOnly);
  }

  @Override
  public CompletableFuture<ApiError> unregisterBroker(int brokerId) {
    return controller.unregisterBroker(brokerId);
  }

  @Override
  public CompletableFuture<Map<String, ApiError>> alterConfigs(
      ConfigResource.Type type, Map<String, List<ConfigChange>> changes, boolean validateOnly) {
    return controller.alterConfigs(type, changes, validateOnly);
  }
}
