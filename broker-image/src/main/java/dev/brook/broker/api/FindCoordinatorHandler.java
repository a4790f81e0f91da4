package dev.brook.broker.api;

import dev.brook.broker.config.Listener;
import dev.brook.broker.metadata.MetadataCache;
import dev.brook.broker.metadata.image.MetadataImage;
import dev.brook.broker.metadata.image.PartitionRegistration;
import dev.brook.broker.network.Request;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.ToIntFunction;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.internals.Topic;
import org.apache.kafka.common.message.FindCoordinatorRequestData;
import org.apache.kafka.common.message.FindCoordinatorResponseData;
import org.apache.kafka.common.message.FindCoordinatorResponseData.Coordinator;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.FindCoordinatorRequest.CoordinatorType;

/**
 * FindCoordinator for groups: the leader of the group's {@code __consumer_offsets} partition,
 * creating the topic on first use. v0-3 carry one key at top level, v4+ a batch of keys.
 * Transaction coordinators do not exist yet and are refused with a message that says so.
 */
final class FindCoordinatorHandler implements ApiHandler {

  private final MetadataCache cache;
  private final OffsetsTopicCreator offsetsTopic;
  private final ToIntFunction<String> partitionForGroup;

  FindCoordinatorHandler(
      MetadataCache cache,
      OffsetsTopicCreator offsetsTopic,
      ToIntFunction<String> partitionForGroup) {
    this.cache = cache;
    this.offsetsTopic = offsetsTopic;
    this.partitionForGroup = partitionForGroup;
  }

  @Override
  public CompletableFuture<ApiMessage> handle(Request request) {
    FindCoordinatorRequestData data = request.body(FindCoordinatorRequestData.class);
    boolean batched = request.apiVersion() >= 4;
    List<String> keys = batched ? data.coordinatorKeys() : List.of(data.key());
    CoordinatorType type = CoordinatorType.forId(data.keyType());
    CompletableFuture<Void> ready =
        type == CoordinatorType.GROUP
            ? offsetsTopic.ensureExists()
            : CompletableFuture.completedFuture(null);
    return ready
        .handle((ignored, error) -> null)
        .thenApply(
            ignored -> {
              MetadataImage image = cache.image();
              FindCoordinatorResponseData response = new FindCoordinatorResponseData();
              for (String key : keys) {
                Coordinator coordinator = find(image, type, key, request.listenerName());
                if (batched) {
                  response.coordinators().add(coordinator);
                } else {
                  response
                      .setErrorCode(coordinator.errorCode())
                      .setErrorMessage(coordinator.errorMessage())
                      .setNodeId(coordinator.nodeId())
                      .setHost(coordinator.host())
                      .setPort(coordinator.port());
                }
              }
              return response;
            });
  }

  private Coordinator find(MetadataImage image, CoordinatorType type, String key, String listener) {
    Coordinator coordinator = new Coordinator().setKey(key).setNodeId(-1).setHost("").setPort(-1);
    if (type != CoordinatorType.GROUP) {
      return coordinator
          .setErrorCode(Errors.COORDINATOR_NOT_AVAILABLE.code())
          .setErrorMessage("Brook has no " + type + " coordinator yet");
    }
    TopicPartition tp =
        new TopicPartition(Topic.GROUP_METADATA_TOPIC_NAME, partitionForGroup.applyAsInt(key));
    Optional<Listener> endpoint =
        image
            .partition(tp)
            .filter(PartitionRegistration::hasLeader)
            .map(p -> image.brokers().get(p.leader()))
            .filter(b -> b != null && !b.fenced())
            .flatMap(b -> b.endpoint(listener));
    if (endpoint.isEmpty()) {
      return coordinator
          .setErrorCode(Errors.COORDINATOR_NOT_AVAILABLE.code())
          .setErrorMessage("The coordinator of " + key + " is not available");
    }
    int leader = image.partition(tp).get().leader();
    return coordinator
        .setNodeId(leader)
        .setHost(endpoint.get().host())
        .setPort(endpoint.get().port());
  }
}
