package dev.brook.broker.replication;

import dev.brook.broker.config.BrokerLogDefaults;
import dev.brook.broker.log.Log;
import dev.brook.broker.log.LogAppendInfo;
import dev.brook.broker.log.LogManager;
import dev.brook.broker.metadata.MetadataImage;
import dev.brook.broker.metadata.MetadataListener;
import dev.brook.broker.metadata.PartitionRegistration;
import dev.brook.broker.metadata.TopicImage;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.KafkaStorageException;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.record.MemoryRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The partitions this broker hosts. Keeps them in step with the metadata (creating logs for new
 * replicas, deleting those of removed topics, applying config changes), appends client batches to
 * leaders and serves reads, completing acks=all appends and long-poll fetches as high watermarks
 * move.
 */
public final class ReplicaManager implements MetadataListener, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ReplicaManager.class);

  private final int localBrokerId;
  private final LogManager logManager;
  private final BrokerLogDefaults logDefaults;
  private final Map<TopicPartition, Partition> partitions = new ConcurrentHashMap<>();
  private final DelayedOperationPurgatory produceWaiters;
  private final DelayedOperationPurgatory fetchWaiters;

  public ReplicaManager(
      int localBrokerId,
      LogManager logManager,
      BrokerLogDefaults logDefaults,
      ScheduledExecutorService timer) {
    this.localBrokerId = localBrokerId;
    this.logManager = logManager;
    this.logDefaults = logDefaults;
    this.produceWaiters = new DelayedOperationPurgatory(timer);
    this.fetchWaiters = new DelayedOperationPurgatory(timer);
  }

  public Optional<Partition> partition(TopicPartition topicPartition) {
    return Optional.ofNullable(partitions.get(topicPartition));
  }

  /** The partition if this broker leads it, else the error a client should see. */
  public Partition leaderPartition(TopicPartition topicPartition) {
    Partition partition = partitions.get(topicPartition);
    if (partition == null) {
      throw new UnknownTopicOrPartitionException(
          "This broker hosts no replica of " + topicPartition);
    }
    if (!partition.isLeader()) {
      throw new NotLeaderOrFollowerException(
          "Broker " + localBrokerId + " is not the leader of " + topicPartition);
    }
    return partition;
  }

  /**
   * Appends each partition's batch as leader. With acks=all the future completes once the high
   * watermark passes every appended batch, or at {@code timeoutMs} with REQUEST_TIMED_OUT.
   */
  public CompletableFuture<Map<TopicPartition, PartitionAppendResult>> appendRecords(
      Map<TopicPartition, MemoryRecords> batches, short requiredAcks, long timeoutMs) {
    Map<TopicPartition, PartitionAppendResult> results = new LinkedHashMap<>();
    batches.forEach((tp, records) -> results.put(tp, appendToLeader(tp, records, requiredAcks)));
    results.forEach((tp, result) -> fetchWaiters.checkAndComplete(tp));
    if (requiredAcks != -1
        || results.values().stream().noneMatch(PartitionAppendResult::isSuccess)) {
      return CompletableFuture.completedFuture(results);
    }
    DelayedProduce delayed = new DelayedProduce(results, partitions::get);
    produceWaiters.tryCompleteElseWatch(delayed, results.keySet(), timeoutMs);
    return delayed.future();
  }

  private PartitionAppendResult appendToLeader(
      TopicPartition tp, MemoryRecords records, short requiredAcks) {
    try {
      LogAppendInfo info = leaderPartition(tp).appendAsLeader(records, requiredAcks);
      return PartitionAppendResult.success(info);
    } catch (KafkaStorageException e) {
      log.error("append to {} failed on disk", tp, e);
      return PartitionAppendResult.failure(e);
    } catch (RuntimeException e) {
      return PartitionAppendResult.failure(e);
    }
  }

  /** Long-poll fetch for consumers; see {@link DelayedFetch}. */
  public CompletableFuture<Map<TopicPartition, PartitionFetchResult>> fetch(FetchParams params) {
    DelayedFetch delayed = new DelayedFetch(params, new LocalLogReader(this));
    if (params.maxWaitMs() <= 0) {
      delayed.forceComplete(false);
    } else {
      fetchWaiters.tryCompleteElseWatch(delayed, params.partitions().keySet(), params.maxWaitMs());
    }
    return delayed.future();
  }

  /** Called after anything that may move a high watermark or add fetchable data. */
  void onPartitionProgress(TopicPartition tp) {
    produceWaiters.checkAndComplete(tp);
    fetchWaiters.checkAndComplete(tp);
  }

  @Override
  public void onMetadataUpdate(MetadataImage previous, MetadataImage current) {
    Set<TopicPartition> hosted = new HashSet<>();
    for (TopicImage topic : current.topicsByName().values()) {
      topic
          .partitions()
          .forEach(
              (index, registration) -> {
                if (registration.replicas().contains(localBrokerId)) {
                  TopicPartition tp = new TopicPartition(topic.name(), index);
                  hosted.add(tp);
                  applyRegistration(topic, tp, registration);
                }
              });
    }
    for (TopicPartition tp : Set.copyOf(partitions.keySet())) {
      if (!hosted.contains(tp) || isRecreated(tp, current)) {
        removePartition(tp);
      }
    }
  }

  private void applyRegistration(
      TopicImage topic, TopicPartition tp, PartitionRegistration registration) {
    Partition existing = partitions.get(tp);
    if (existing != null && !existing.log().topicId().equals(topic.id())) {
      removePartition(tp);
      existing = null;
    }
    try {
      if (existing == null) {
        Log partitionLog =
            logManager.getOrCreateLog(tp, topic.id(), logDefaults.forTopic(topic.configs()));
        partitions.put(tp, new Partition(tp, localBrokerId, partitionLog, registration));
      } else {
        existing.log().updateConfig(logDefaults.forTopic(topic.configs()));
        existing.updateRegistration(registration);
      }
      onPartitionProgress(tp);
    } catch (RuntimeException e) {
      log.error("cannot host {}: {}", tp, e.getMessage(), e);
    }
  }

  private boolean isRecreated(TopicPartition tp, MetadataImage current) {
    Partition partition = partitions.get(tp);
    return partition != null && !partition.log().topicId().equals(current.topicId(tp.topic()));
  }

  private void removePartition(TopicPartition tp) {
    Partition removed = partitions.remove(tp);
    if (removed != null) {
      logManager.deleteLog(tp);
      onPartitionProgress(tp);
      log.info("removed replica {}", tp);
    }
  }

  @Override
  public void close() {
    partitions.clear();
  }
}
