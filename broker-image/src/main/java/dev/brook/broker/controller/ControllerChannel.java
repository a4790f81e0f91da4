package dev.brook.broker.controller;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.message.CreateTopicsRequestData.CreatableTopic;
import org.apache.kafka.common.requests.ApiError;

/**
 * What a broker asks of the active controller, wherever that is: this process (single node) or
 * another voter of the quorum (reached over the Ratis client channel). Futures complete on a
 * channel thread; they fail with {@link org.apache.kafka.common.errors.TimeoutException} if no
 * controller answered in time.
 */
public interface ControllerChannel {

  /** Asks for an ISR change; see {@link AlterPartitionRequest} and {@link AlterPartitionResult}. */
  CompletableFuture<AlterPartitionResult> alterPartition(AlterPartitionRequest request);

  /** Reserves a block of {@link ClusterController#PRODUCER_ID_BLOCK_SIZE} producer ids. */
  CompletableFuture<Long> allocateProducerIds(int brokerId);

  /** Creates topics (auto-creation, {@code __consumer_offsets}) on the active controller. */
  CompletableFuture<List<TopicCreationResult>> createTopics(
      List<CreatableTopic> topics, boolean validateOnly);

  /** Unregisters a removed broker; the outcome says why when it was refused. */
  CompletableFuture<ApiError> unregisterBroker(int brokerId);

  /**
   * Incremental config changes of topics or brokers by resource name (any broker receives
   * IncrementalAlterConfigs).
   */
  CompletableFuture<Map<String, ApiError>> alterConfigs(
      ConfigResource.Type type, Map<String, List<ConfigChange>> changes, boolean validateOnly);
}
