package dev.brook.broker.metadata;

import dev.brook.broker.metadata.MetadataRecord.AllocateProducerIds;
import dev.brook.broker.metadata.MetadataRecord.RegisterBroker;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.kafka.common.ElectionType;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.message.CreatePartitionsRequestData.CreatePartitionsTopic;
import org.apache.kafka.common.message.CreateTopicsRequestData.CreatableTopic;
import org.apache.kafka.common.requests.ApiError;
import org.apache.kafka.common.utils.KafkaThread;

/**
 * The active controller: turns admin operations into metadata records and commits them. Operations
 * run one at a time on a single thread, each against the image left by the previous one, so two
 * concurrent CreateTopics for one name cannot both succeed. An operation's future completes only
 * after its records are durable and applied to the local image.
 */
public final class ClusterController implements AutoCloseable {

  /** Producer ids are handed to brokers in blocks, as Kafka's AllocateProducerIds does. */
  public static final int PRODUCER_ID_BLOCK_SIZE = 1000;

  private static final long COMMIT_TIMEOUT_MS = 30_000;

  private final ExecutorService thread =
      Executors.newSingleThreadExecutor(r -> KafkaThread.daemon("brook-controller", r));
  private final MetadataJournal journal;
  private final MetadataCache cache;
  private final TopicCreator topicCreator;
  private final TopicDeleter topicDeleter;
  private final PartitionCreator partitionCreator;
  private final TopicConfigAlterer configAlterer;

  public ClusterController(
      MetadataJournal journal,
      MetadataCache cache,
      TopicCreator topicCreator,
      TopicDeleter topicDeleter,
      PartitionCreator partitionCreator,
      TopicConfigAlterer configAlterer) {
    this.journal = journal;
    this.cache = cache;
    this.topicCreator = topicCreator;
    this.topicDeleter = topicDeleter;
    this.partitionCreator = partitionCreator;
    this.configAlterer = configAlterer;
  }

  public CompletableFuture<Void> registerBroker(RegisterBroker registration) {
    return run(image -> ControllerResult.of(List.of(registration), null), false);
  }

  public CompletableFuture<List<TopicCreationResult>> createTopics(
      List<CreatableTopic> topics, boolean validateOnly) {
    return run(image -> topicCreator.create(image, topics), validateOnly);
  }

  public CompletableFuture<Map<TopicDeleter.Target, TopicDeleter.Outcome>> deleteTopics(
      List<TopicDeleter.Target> targets) {
    return run(image -> topicDeleter.delete(image, targets), false);
  }

  public CompletableFuture<Map<String, ApiError>> createPartitions(
      List<CreatePartitionsTopic> topics, boolean validateOnly) {
    return run(image -> partitionCreator.create(image, topics), validateOnly);
  }

  public CompletableFuture<Map<String, ApiError>> alterTopicConfigs(
      Map<String, List<TopicConfigAlterer.Change>> changes, boolean validateOnly) {
    return run(image -> configAlterer.alter(image, changes), validateOnly);
  }

  /** Starts, replaces (a target list) or cancels (empty) partition reassignments. */
  public CompletableFuture<Map<TopicPartition, ApiError>> alterPartitionReassignments(
      Map<TopicPartition, Optional<List<Integer>>> targets) {
    return run(image -> ReassignmentRequests.alter(image, targets), false);
  }

  /** Preferred or unclean leader elections; {@code partitions} null means all partitions. */
  public CompletableFuture<Map<TopicPartition, ApiError>> electLeaders(
      ElectionType type, List<TopicPartition> partitions) {
    return run(image -> LeaderElections.elect(image, type, partitions), false);
  }

  /** Reserves a block of producer ids for {@code brokerId}; completes with its first id. */
  public CompletableFuture<Long> allocateProducerIds(int brokerId) {
    return run(
        image -> {
          long first = image.nextProducerId();
          return ControllerResult.of(
              List.of(new AllocateProducerIds(brokerId, first + PRODUCER_ID_BLOCK_SIZE)), first);
        },
        false);
  }

  private <T> CompletableFuture<T> run(
      Function<MetadataImage, ControllerResult<T>> operation, boolean validateOnly) {
    CompletableFuture<T> result = new CompletableFuture<>();
    thread.execute(
        () -> {
          try {
            ControllerResult<T> decided = operation.apply(cache.image());
            if (!validateOnly && !decided.records().isEmpty()) {
              journal.append(decided.records()).get(COMMIT_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            }
            result.complete(decided.response());
          } catch (TimeoutException e) {
            result.completeExceptionally(
                new org.apache.kafka.common.errors.TimeoutException(
                    "metadata commit did not complete in time"));
          } catch (ExecutionException e) {
            result.completeExceptionally(e.getCause());
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result.completeExceptionally(e);
          } catch (RuntimeException e) {
            result.completeExceptionally(e);
          }
        });
    return result;
  }

  @Override
  public void close() {
    thread.shutdown();
    try {
      thread.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
