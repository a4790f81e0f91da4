package dev.brook.broker.replication;

import dev.brook.broker.log.LogConfig;
import dev.brook.broker.metadata.image.DynamicBrokerConfigs;
import dev.brook.broker.metadata.image.MetadataImage;
import dev.brook.broker.metadata.image.PartitionRegistration;
import dev.brook.broker.metadata.image.TopicImage;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Time;

/**
 * Kafka's replication throttle, used while partitions move: a replica is throttled on this broker
 * when its topic lists it ({@code partition:brokerId}, or {@code *}) in {@code
 * leader.replication.throttled.replicas} (this broker leads it) or {@code
 * follower.replication.throttled.replicas} (this broker follows it), and the follower is not in the
 * ISR; throttled replication stays within this broker's {@code leader.replication.throttled.rate}
 * or {@code follower.replication.throttled.rate}. In-sync followers are never throttled, so
 * production with acks=all does not slow down.
 */
final class ReplicationThrottle {

  private final int localBrokerId;
  private final Supplier<MetadataImage> image;
  private final ByteRateQuota leaderQuota;
  private final ByteRateQuota followerQuota;

  ReplicationThrottle(int localBrokerId, Supplier<MetadataImage> image, Time time) {
    this.localBrokerId = localBrokerId;
    this.image = image;
    this.leaderQuota =
        new ByteRateQuota(() -> rate(DynamicBrokerConfigs.LEADER_REPLICATION_THROTTLED_RATE), time);
    this.followerQuota =
        new ByteRateQuota(
            () -> rate(DynamicBrokerConfigs.FOLLOWER_REPLICATION_THROTTLED_RATE), time);
  }

  /** Whether this leader holds back data for {@code followerId}'s fetch of {@code tp} now. */
  boolean holdsBackLeaderRead(TopicPartition tp, int followerId) {
    // The quota first: with no rate set (the usual case) it answers without a topic lookup.
    return leaderQuota.isExceeded() && isLeaderThrottled(tp, followerId);
  }

  /**
   * Counts {@code bytes} sent to {@code followerId} for {@code tp} if that replica is throttled.
   */
  void recordLeaderRead(TopicPartition tp, int followerId, long bytes) {
    if (leaderQuota.isLimited() && isLeaderThrottled(tp, followerId)) {
      leaderQuota.record(bytes);
    }
  }

  private boolean isLeaderThrottled(TopicPartition tp, int followerId) {
    return throttled(tp, LogConfig.LEADER_REPLICATION_THROTTLED_REPLICAS, followerId);
  }

  /** Whether this follower leaves {@code tp} out of its next fetch. */
  boolean holdsBackFollowerFetch(TopicPartition tp) {
    return followerQuota.isExceeded() && isFollowerThrottled(tp);
  }

  /** Counts {@code bytes} fetched for {@code tp} if this follower's replica is throttled. */
  void recordFollowerFetch(TopicPartition tp, long bytes) {
    if (followerQuota.isLimited() && isFollowerThrottled(tp)) {
      followerQuota.record(bytes);
    }
  }

  private boolean isFollowerThrottled(TopicPartition tp) {
    return throttled(tp, LogConfig.FOLLOWER_REPLICATION_THROTTLED_REPLICAS, localBrokerId);
  }

  private boolean throttled(TopicPartition tp, String key, int followerId) {
    MetadataImage current = image.get();
    Optional<TopicImage> topic = current.topic(tp.topic());
    if (topic.isEmpty()) {
      return false;
    }
    String replicas = topic.get().configs().getOrDefault(key, "");
    if (!lists(replicas, tp.partition(), localBrokerId)) {
      return false;
    }
    PartitionRegistration partition = topic.get().partitions().get(tp.partition());
    return partition != null && !partition.isr().contains(followerId);
  }

  static boolean lists(String replicas, int partition, int brokerId) {
    String value = replicas.trim();
    if (value.equals("*")) {
      return true;
    }
    String entry = partition + ":" + brokerId;
    return Arrays.stream(value.split(",")).map(String::trim).anyMatch(entry::equals);
  }

  private long rate(String key) {
    String value = image.get().effectiveBrokerConfigs(localBrokerId).get(key);
    return value == null ? Long.MAX_VALUE : Long.parseLong(value);
  }
}
