package dev.brook.broker.replication;

import dev.brook.broker.log.Log;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.message.FetchRequestData;
import org.apache.kafka.common.message.FetchRequestData.FetchPartition;
import org.apache.kafka.common.message.FetchRequestData.FetchTopic;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.message.FetchResponseData.FetchableTopicResponse;
import org.apache.kafka.common.message.FetchResponseData.PartitionData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.utils.KafkaThread;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pulls one leader's partitions into the local follower logs with the Fetch API, identifying itself
 * by replica id so the leader reads up to its log end and tracks this follower for the ISR. Each
 * fetch carries the last fetched epoch; when the leader answers with a diverging epoch, the local
 * log is truncated to where the two logs agree before fetching on (Kafka's KIP-595 path). Throttled
 * replicas ({@link ReplicationThrottle}) sit out fetches while the follower quota is used up.
 */
final class ReplicaFetcherThread implements Runnable {

  private static final Logger log = LoggerFactory.getLogger(ReplicaFetcherThread.class);

  /** Fetch v12: replica id in the body, topic names, last fetched epoch and diverging epochs. */
  static final short FETCH_VERSION = 12;

  private final int localBrokerId;
  private final int leaderId;
  private final ReplicaFetchSettings settings;
  private final Function<TopicPartition, Partition> partitions;
  private final IntFunction<InetSocketAddress> leaderAddress;
  private final ReplicationThrottle throttle;
  private final Map<TopicPartition, Integer> leaderEpochs = new ConcurrentHashMap<>();
  private final BrokerClient client;
  private final Thread thread;
  private volatile boolean running = true;

  ReplicaFetcherThread(
      int localBrokerId,
      int leaderId,
      ReplicaFetchSettings settings,
      Function<TopicPartition, Partition> partitions,
      IntFunction<InetSocketAddress> leaderAddress,
      ReplicationThrottle throttle) {
    this.localBrokerId = localBrokerId;
    this.leaderId = leaderId;
    this.settings = settings;
    this.partitions = partitions;
    this.leaderAddress = leaderAddress;
    this.throttle = throttle;
    this.client =
        new BrokerClient(
            "replica-fetcher-" + localBrokerId + "-from-" + leaderId,
            settings.socketTimeoutMs(),
            settings.socketTimeoutMs() + settings.maxWaitMs());
    this.thread = KafkaThread.daemon("brook-replica-fetcher-" + leaderId, this);
  }

  void start() {
    thread.start();
  }

  void add(TopicPartition tp, int leaderEpoch) {
    leaderEpochs.put(tp, leaderEpoch);
    synchronized (this) {
      notifyAll();
    }
  }

  void remove(TopicPartition tp) {
    leaderEpochs.remove(tp);
  }

  boolean isIdle() {
    return leaderEpochs.isEmpty();
  }

  void shutdown() {
    running = false;
    synchronized (this) {
      notifyAll();
    }
    client.close();
    thread.interrupt();
  }

  @Override
  public void run() {
    while (running) {
      try {
        if (leaderEpochs.isEmpty()) {
          waitForWork();
          continue;
        }
        fetchOnce();
      } catch (IOException e) {
        log.debug("fetch from broker {} failed: {}", leaderId, e.toString());
        backOff();
      } catch (RuntimeException e) {
        log.error("replica fetcher for broker {} failed", leaderId, e);
        backOff();
      }
    }
    client.close();
  }

  private void fetchOnce() throws IOException {
    InetSocketAddress address = leaderAddress.apply(leaderId);
    if (address == null) {
      backOff();
      return;
    }
    client.target(address);
    FetchRequestData request = buildRequest();
    if (request.topics().isEmpty()) {
      waitForWork();
      return;
    }
    FetchResponseData response = client.send(request, FETCH_VERSION);
    if (response.errorCode() != Errors.NONE.code()) {
      log.warn("fetch from broker {} failed: {}", leaderId, Errors.forCode(response.errorCode()));
      backOff();
      return;
    }
    boolean backOff = false;
    for (FetchableTopicResponse topic : response.responses()) {
      for (PartitionData data : topic.partitions()) {
        TopicPartition tp = new TopicPartition(topic.topic(), data.partitionIndex());
        if (data.records() != null) {
          throttle.recordFollowerFetch(tp, data.records().sizeInBytes());
        }
        backOff |= !apply(tp, data);
      }
    }
    if (backOff) {
      backOff();
    }
  }

  private FetchRequestData buildRequest() {
    FetchRequestData request =
        new FetchRequestData()
            .setReplicaId(localBrokerId)
            .setMaxWaitMs(settings.maxWaitMs())
            .setMinBytes(settings.minBytes())
            .setMaxBytes(settings.responseMaxBytes())
            .setSessionId(0)
            .setSessionEpoch(-1);
    Map<String, FetchTopic> topics = new java.util.LinkedHashMap<>();
    leaderEpochs.forEach(
        (tp, epoch) -> {
          Partition partition = partitions.apply(tp);
          if (partition == null || throttle.holdsBackFollowerFetch(tp)) {
            return;
          }
          Log local = partition.log();
          topics
              .computeIfAbsent(tp.topic(), name -> new FetchTopic().setTopic(name))
              .partitions()
              .add(
                  new FetchPartition()
                      .setPartition(tp.partition())
                      .setCurrentLeaderEpoch(epoch)
                      .setFetchOffset(local.logEndOffset())
                      .setLastFetchedEpoch(local.leaderEpochCache().latestEpoch().orElse(-1))
                      .setLogStartOffset(local.logStartOffset())
                      .setPartitionMaxBytes(settings.partitionMaxBytes()));
        });
    request.setTopics(new java.util.ArrayList<>(topics.values()));
    return request;
  }

  /**
   * Applies one partition's answer, unless the replica stopped following this leader epoch
   * meanwhile (the partition's lock keeps a leadership change from interleaving with the write).
   *
   * @return false when the partition should back off
   */
  private boolean apply(TopicPartition tp, PartitionData data) {
    Partition partition = partitions.apply(tp);
    Integer leaderEpoch = leaderEpochs.get(tp);
    if (partition == null || leaderEpoch == null) {
      return true;
    }
    boolean[] keepGoing = {true};
    partition.whileFollowing(
        leaderEpoch,
        () -> keepGoing[0] = FollowerUpdate.apply(tp, leaderId, partition.log(), data));
    return keepGoing[0];
  }

  private synchronized void waitForWork() {
    try {
      wait(settings.backoffMs());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  private void backOff() {
    waitForWork();
  }
}
