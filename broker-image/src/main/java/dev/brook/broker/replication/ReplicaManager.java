package dev.brook.broker.replication;

import dev.brook.broker.config.BrokerLogDefaults;
import dev.brook.broker.log.Log;
import dev.brook.broker.log.LogAppendInfo;
import dev.brook.broker.log.LogManager;
import dev.brook.broker.metadata.MetadataListener;
import dev.brook.broker.metadata.image.BrokerRegistration;
import dev.brook.broker.metadata.image.MetadataImage;
import dev.brook.broker.metadata.image.PartitionRegistration;
import dev.brook.broker.metadata.image.TopicImage;
import java.net.InetSocketAddress;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.KafkaStorageException;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.utils.Time;
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
  private final Time time;
  private final Map<TopicPartition, Partition> partitions = new ConcurrentHashMap<>();
  private final DelayedOperationPurgatory produceWaiters;
  private final DelayedOperationPurgatory fetchWaiters;
  private final ReplicaFetcherManager fetchers;
  private final IsrChanges isrChanges;
  private final ReplicationThrottle throttle;
  private volatile MetadataImage image = MetadataImage.EMPTY;

  public ReplicaManager(
      int localBrokerId,
      LogManager logManager,
      BrokerLogDefaults logDefaults,
      Time time,
      ScheduledExecutorService timer,
      ReplicaFetchSettings fetchSettings,
      AlterPartitionChannel controller) {
    this.localBrokerId = localBrokerId;
    this.logManager = logManager;
    this.logDefaults = logDefaults;
    this.time = time;
    this.produceWaiters = new DelayedOperationPurgatory(timer);
    this.fetchWaiters = new DelayedOperationPurgatory(timer);
    this.throttle = new ReplicationThrottle(localBrokerId, () -> image, time);
    this.fetchers =
        new ReplicaFetcherManager(
            localBrokerId,
            fetchSettings,
            partitions::get,
            leaderId -> endpointOf(leaderId, fetchSettings.listenerName()),
            throttle);
    this.isrChanges =
        new IsrChanges(controller, this::topicIdOf, time, timer, fetchSettings.lagTimeMaxMs());
    isrChanges.startShrinkChecks(() -> partitions.values());
  }

  private InetSocketAddress endpointOf(int brokerId, String listenerName) {
    BrokerRegistration broker = image.brokers().get(brokerId);
    if (broker == null || broker.fenced()) {
      return null;
    }
    return broker
        .endpoint(listenerName)
        .map(e -> InetSocketAddress.createUnresolved(e.host(), e.port()))
        .map(a -> new InetSocketAddress(a.getHostString(), a.getPort()))
        .orElse(null);
  }

  ReplicationThrottle throttle() {
    return throttle;
  }

  private Uuid topicIdOf(TopicPartition tp) {
    return image.topicId(tp.topic());
  }

  /** The replicas this broker hosts, led or followed; a live view. */
  public Collection<Partition> partitions() {
    return Collections.unmodifiableCollection(partitions.values());
  }

  /** ISR shrinks committed for partitions this broker leads, since start. */
  public long isrShrinks() {
    return isrChanges.committedShrinks();
  }

  /** ISR expansions committed for partitions this broker leads, since start. */
  public long isrExpansions() {
    return isrChanges.committedExpansions();
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
      return PartitionAppendResult.failure(e, logStartOffsetOf(tp));
    } catch (RuntimeException e) {
      return PartitionAppendResult.failure(e, logStartOffsetOf(tp));
    }
  }

  private long logStartOffsetOf(TopicPartition tp) {
    Partition partition = partitions.get(tp);
    return partition == null
        ? PartitionAppendResult.UNKNOWN_LOG_START
        : partition.log().logStartOffset();
  }

  /**
   * Long-poll fetch for consumers and followers; see {@link DelayedFetch}. A follower's fetch first
   * records its position (moving the high watermark, perhaps adding it to the ISR).
   */
  public CompletableFuture<Map<TopicPartition, PartitionFetchResult>> fetch(FetchParams params) {
    if (params.isFromFollower()) {
      params
          .partitions()
          .forEach((tp, fetch) -> recordFollowerFetch(params.replicaId(), tp, fetch));
    }
    DelayedFetch delayed = new DelayedFetch(params, new LocalLogReader(this));
    if (params.maxWaitMs() <= 0) {
      delayed.forceComplete(false);
    } else {
      fetchWaiters.tryCompleteElseWatch(delayed, params.partitions().keySet(), params.maxWaitMs());
    }
    return delayed.future();
  }

  private void recordFollowerFetch(int replicaId, TopicPartition tp, PartitionFetch fetch) {
    Partition partition = partitions.get(tp);
    if (partition == null) {
      return;
    }
    partition
        .onFollowerFetch(replicaId, fetch.fetchOffset(), time.milliseconds())
        .ifPresent(isr -> isrChanges.request(partition, isr));
    onPartitionProgress(tp);
  }

  /** Called after anything that may move a high watermark or add fetchable data. */
  void onPartitionProgress(TopicPartition tp) {
    produceWaiters.checkAndComplete(tp);
    fetchWaiters.checkAndComplete(tp);
  }

  @Override
  public synchronized void onMetadataUpdate(MetadataImage previous, MetadataImage current) {
    image = current;
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

  /**
   * Deletes the logs found on disk that the current image does not give this broker: replicas moved
   * elsewhere, or topics deleted or re-created, while it was down (KIP-858's stray replicas).
   * Called once this broker is registered and unfenced, which the controller grants only when it
   * has caught up with the metadata log; an image still being replayed could make a replica look
   * stray that a later record gives back. A partition the image does give this broker is never
   * touched, even if hosting it failed.
   *
   * @return the number of logs deleted
   */
  public synchronized int deleteStrayLogs() {
    int deleted = 0;
    for (Map.Entry<TopicPartition, Log> entry : Map.copyOf(logManager.logs()).entrySet()) {
      TopicPartition tp = entry.getKey();
      Optional<String> stray = strayReason(tp, entry.getValue().topicId());
      if (stray.isPresent()) {
        fetchers.stopFollowing(tp);
        partitions.remove(tp);
        logManager.deleteLog(tp);
        log.info("deleted stray log {}: {}", tp, stray.get());
        deleted++;
      }
    }
    return deleted;
  }

  private Optional<String> strayReason(TopicPartition tp, Uuid logTopicId) {
    Optional<TopicImage> topic = image.topic(tp.topic());
    if (topic.isEmpty()) {
      return Optional.of("the topic no longer exists");
    }
    if (!topic.get().id().equals(logTopicId)) {
      return Optional.of("the topic was re-created with id " + topic.get().id());
    }
    PartitionRegistration registration = topic.get().partitions().get(tp.partition());
    if (registration == null || !registration.replicas().contains(localBrokerId)) {
      return Optional.of("its replicas moved to other brokers");
    }
    return Optional.empty();
  }

  private void applyRegistration(
      TopicImage topic, TopicPartition tp, PartitionRegistration registration) {
    Partition existing = partitions.get(tp);
    if (existing != null && !existing.log().topicId().equals(topic.id())) {
      removePartition(tp);
      existing = null;
    }
    try {
      Partition partition = existing;
      if (partition == null) {
        Log partitionLog =
            logManager.getOrCreateLog(tp, topic.id(), logDefaults.forTopic(topic.configs()));
        partition =
            new Partition(
                tp,
                localBrokerId,
                partitionLog,
                new PartitionRegistration(
                    registration.replicas(), List.of(), PartitionRegistration.NO_LEADER, -1, -1));
        partitions.put(tp, partition);
      } else {
        partition.log().updateConfig(logDefaults.forTopic(topic.configs()));
      }
      if (partition.update(registration, time.milliseconds())) {
        log.info(
            "leading {} in epoch {} with ISR {}",
            tp,
            registration.leaderEpoch(),
            registration.isr());
      }
      followOrLead(tp, registration);
      onPartitionProgress(tp);
    } catch (RuntimeException e) {
      log.error("cannot host {}: {}", tp, e.getMessage(), e);
    }
  }

  private void followOrLead(TopicPartition tp, PartitionRegistration registration) {
    if (registration.leader() == localBrokerId || !registration.hasLeader()) {
      fetchers.stopFollowing(tp);
    } else {
      fetchers.follow(tp, registration.leader(), registration.leaderEpoch());
    }
  }

  private boolean isRecreated(TopicPartition tp, MetadataImage current) {
    Partition partition = partitions.get(tp);
    return partition != null && !partition.log().topicId().equals(current.topicId(tp.topic()));
  }

  private void removePartition(TopicPartition tp) {
    fetchers.stopFollowing(tp);
    Partition removed = partitions.remove(tp);
    if (removed != null) {
      logManager.deleteLog(tp);
      onPartitionProgress(tp);
      log.info("removed replica {}", tp);
    }
  }

  @Override
  public void close() {
    isrChanges.close();
    fetchers.close();
    partitions.clear();
  }
}
