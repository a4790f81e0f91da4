package dev.brook.broker.replication;

import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.apache.kafka.common.TopicPartition;

/**
 * One fetcher thread per leader broker this broker follows, each fetching all the partitions it
 * follows from that leader. A partition moves between fetchers when its leader changes; idle
 * fetchers stop.
 */
final class ReplicaFetcherManager implements AutoCloseable {

  private final int localBrokerId;
  private final ReplicaFetchSettings settings;
  private final Function<TopicPartition, Partition> partitions;
  private final IntFunction<InetSocketAddress> leaderAddress;
  private final ReplicationThrottle throttle;
  private final Map<Integer, ReplicaFetcherThread> fetchers = new HashMap<>();
  private final Map<TopicPartition, Integer> leaderOf = new HashMap<>();

  ReplicaFetcherManager(
      int localBrokerId,
      ReplicaFetchSettings settings,
      Function<TopicPartition, Partition> partitions,
      IntFunction<InetSocketAddress> leaderAddress,
      ReplicationThrottle throttle) {
    this.localBrokerId = localBrokerId;
    this.settings = settings;
    this.partitions = partitions;
    this.leaderAddress = leaderAddress;
    this.throttle = throttle;
  }

  synchronized void follow(TopicPartition tp, int leaderId, int leaderEpoch) {
    Integer current = leaderOf.get(tp);
    if (current != null && current != leaderId) {
      stopFollowing(tp);
    }
    leaderOf.put(tp, leaderId);
    fetchers
        .computeIfAbsent(
            leaderId,
            id -> {
              ReplicaFetcherThread fetcher =
                  new ReplicaFetcherThread(
                      localBrokerId, id, settings, partitions, leaderAddress, throttle);
              fetcher.start();
              return fetcher;
            })
        .add(tp, leaderEpoch);
  }

  synchronized void stopFollowing(TopicPartition tp) {
    Integer leader = leaderOf.remove(tp);
    if (leader == null) {
      return;
    }
    ReplicaFetcherThread fetcher = fetchers.get(leader);
    if (fetcher != null) {
      fetcher.remove(tp);
      if (fetcher.isIdle()) {
        fetcher.shutdown();
        fetchers.remove(leader);
      }
    }
  }

  @Override
  public synchronized void close() {
    fetchers.values().forEach(ReplicaFetcherThread::shutdown);
    fetchers.clear();
    leaderOf.clear();
  }
}
