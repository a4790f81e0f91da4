package dev.brook.broker.controller;

import dev.brook.broker.metadata.MetadataCache;
import dev.brook.broker.metadata.MetadataJournal;
import dev.brook.broker.metadata.image.BrokerRegistration;
import dev.brook.broker.metadata.image.MetadataImage;
import dev.brook.broker.metadata.record.MetadataRecord;
import dev.brook.broker.metadata.record.MetadataRecord.AllocateProducerIds;
import dev.brook.broker.metadata.record.MetadataRecord.RegisterBroker;
import java.util.ArrayList;
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
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.InvalidRequestException;
import org.apache.kafka.common.errors.NotControllerException;
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
  private static final String UNCLEAN_LEADER_ELECTION_ENABLE = "unclean.leader.election.enable";

  private final ExecutorService thread =
      Executors.newSingleThreadExecutor(r -> KafkaThread.daemon("brook-controller", r));
  private final MetadataJournal journal;
  private final MetadataCache cache;
  private final TopicCreator topicCreator;
  private final TopicDeleter topicDeleter;
  private final PartitionCreator partitionCreator;
  private final TopicConfigAlterer configAlterer;
  private final PartitionLeaderElector leaderElector;
  private final AlterPartitionDecider alterPartitionDecider = new AlterPartitionDecider();
  private final BrokerConfigAlterer brokerConfigAlterer = new BrokerConfigAlterer();
  private final BrokerUnregisterer brokerUnregisterer = new BrokerUnregisterer();
  private final ControllerLeadership leadership;
  private final Optional<ControllerChannel> activeController;

  /** A single-node controller: always active, unclean election per topic override only. */
  public ClusterController(
      MetadataJournal journal,
      MetadataCache cache,
      TopicCreator topicCreator,
      TopicDeleter topicDeleter,
      PartitionCreator partitionCreator,
      TopicConfigAlterer configAlterer) {
    this(
        journal,
        cache,
        topicCreator,
        topicDeleter,
        partitionCreator,
        configAlterer,
        new PartitionLeaderElector(
            configs -> Boolean.parseBoolean(configs.get(UNCLEAN_LEADER_ELECTION_ENABLE))),
        ControllerLeadership.ALWAYS,
        Optional.empty());
  }

  /**
   * A controller that acts only while {@code leadership} says this process is the active
   * controller; otherwise operations fail with {@link NotControllerException}, except those any
   * broker may receive (topic creation for auto-creation and {@code __consumer_offsets}, topic
   * config changes, producer-id blocks, unregistering a broker), which are forwarded to {@code
   * activeController} when given. Clients send the others (CreateTopics, DeleteTopics,
   * CreatePartitions) to the controller Metadata names, and retry on NOT_CONTROLLER.
   */
  public ClusterController(
      MetadataJournal journal,
      MetadataCache cache,
      TopicCreator topicCreator,
      TopicDeleter topicDeleter,
      PartitionCreator partitionCreator,
      TopicConfigAlterer configAlterer,
      PartitionLeaderElector leaderElector,
      ControllerLeadership leadership,
      Optional<ControllerChannel> activeController) {
    this.journal = journal;
    this.cache = cache;
    this.topicCreator = topicCreator;
    this.topicDeleter = topicDeleter;
    this.partitionCreator = partitionCreator;
    this.configAlterer = configAlterer;
    this.leaderElector = leaderElector;
    this.leadership = leadership;
    this.activeController = activeController;
  }

  public boolean isActive() {
    return leadership.isActive();
  }

  /**
   * Registers a broker incarnation (unfenced), and in the same commit gives it the leaderless
   * partitions it was the last ISR member of.
   */
  public CompletableFuture<Void> registerBroker(RegisterBroker registration) {
    return run(
        image -> {
          List<MetadataRecord> records = new ArrayList<>();
          records.add(registration);
          records.addAll(leaderElector.electLeaderless(image, registration.id()));
          return ControllerResult.of(records, null);
        },
        false);
  }

  /**
   * Fences {@code brokerId} and, in the same commit, moves the leadership of its partitions to ISR
   * members and drops it from ISRs. {@code brokerEpoch} -1 fences whatever incarnation is
   * registered. Completes with false when the broker is unknown, of another epoch, or already
   * fenced (nothing committed).
   */
  public CompletableFuture<Boolean> fenceBroker(int brokerId, long brokerEpoch) {
    return run(
        image -> {
          BrokerRegistration broker = image.brokers().get(brokerId);
          if (broker == null
              || broker.fenced()
              || (brokerEpoch != -1 && broker.epoch() != brokerEpoch)) {
            return ControllerResult.of(List.of(), false);
          }
          return ControllerResult.of(leaderElector.fence(image, brokerId), true);
        },
        false);
  }

  /** Unfences a registered broker of epoch {@code brokerEpoch}; false when nothing changed. */
  public CompletableFuture<Boolean> unfenceBroker(int brokerId, long brokerEpoch) {
    return run(
        image -> {
          BrokerRegistration broker = image.brokers().get(brokerId);
          if (broker == null || !broker.fenced() || broker.epoch() != brokerEpoch) {
            return ControllerResult.of(List.of(), false);
          }
          return ControllerResult.of(leaderElector.unfence(image, brokerId), true);
        },
        false);
  }

  /**
   * Removes a fenced broker that no partition names from the metadata ({@link BrokerUnregisterer}
   * says when it refuses). Forwarded to the active controller when this process is not it.
   */
  public CompletableFuture<ApiError> unregisterBroker(int brokerId) {
    if (shouldForward()) {
      return activeController.get().unregisterBroker(brokerId);
    }
    return run(image -> brokerUnregisterer.unregister(image, brokerId), false);
  }

  public CompletableFuture<AlterPartitionResult> alterPartition(AlterPartitionRequest request) {
    return run(image -> alterPartitionDecider.decide(image, request), false);
  }

  /** Forwarded to the active controller when this process is not it. */
  public CompletableFuture<List<TopicCreationResult>> createTopics(
      List<CreatableTopic> topics, boolean validateOnly) {
    if (shouldForward()) {
      return activeController.get().createTopics(topics, validateOnly);
    }
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

  /**
   * Incremental config changes of topics or of brokers' dynamic configs, by resource name.
   * Forwarded to the active controller when this process is not it.
   */
  public CompletableFuture<Map<String, ApiError>> alterConfigs(
      ConfigResource.Type type, Map<String, List<ConfigChange>> changes, boolean validateOnly) {
    if (changes.isEmpty()) {
      return CompletableFuture.completedFuture(Map.of());
    }
    if (shouldForward()) {
      return activeController.get().alterConfigs(type, changes, validateOnly);
    }
    return switch (type) {
      case TOPIC -> run(image -> configAlterer.alter(image, changes), validateOnly);
      case BROKER -> run(image -> brokerConfigAlterer.alter(image, changes), validateOnly);
      default ->
          CompletableFuture.failedFuture(
              new InvalidRequestException("Unsupported config resource type " + type));
    };
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

  /**
   * Reserves a block of producer ids for {@code brokerId}; completes with its first id. Forwarded
   * to the active controller when this process is not it.
   */
  public CompletableFuture<Long> allocateProducerIds(int brokerId) {
    if (shouldForward()) {
      return activeController.get().allocateProducerIds(brokerId);
    }
    return run(
        image -> {
          long first = image.nextProducerId();
          return ControllerResult.of(
              List.of(new AllocateProducerIds(brokerId, first + PRODUCER_ID_BLOCK_SIZE)), first);
        },
        false);
  }

  private boolean shouldForward() {
    return activeController.isPresent() && !leadership.isActive();
  }

  private <T> CompletableFuture<T> run(
      Function<MetadataImage, ControllerResult<T>> operation, boolean validateOnly) {
    CompletableFuture<T> result = new CompletableFuture<>();
    thread.execute(
        () -> {
          try {
            if (!leadership.isActive()) {
              throw new NotControllerException("this node is not the active controller");
            }
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
