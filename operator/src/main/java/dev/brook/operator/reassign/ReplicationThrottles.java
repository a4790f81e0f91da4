package dev.brook.operator.reassign;

import dev.brook.operator.kafka.KafkaCalls;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;

/**
 * Paces the copying of partition moves with Kafka's replication throttle, as {@code
 * kafka-reassign-partitions --throttle} does: every live broker gets the leader and follower rate,
 * and each topic with moving partitions marks all its replicas ({@code *}) as throttled. Only
 * replicas out of the ISR are held back, so clients' acks=all production keeps its speed. Cleared
 * once nothing moves. The brokers commit nothing for a change that changes nothing, so repeating
 * one each reconciliation is cheap.
 */
public final class ReplicationThrottles {

  public static final String LEADER_RATE = "leader.replication.throttled.rate";
  public static final String FOLLOWER_RATE = "follower.replication.throttled.rate";
  public static final String LEADER_REPLICAS = "leader.replication.throttled.replicas";
  public static final String FOLLOWER_REPLICAS = "follower.replication.throttled.replicas";

  /** Topic keys these throttles own; a Topic's spec does not manage them. */
  public static final Set<String> TOPIC_KEYS = Set.of(LEADER_REPLICAS, FOLLOWER_REPLICAS);

  private ReplicationThrottles() {}

  /** Throttles the replication of {@code topics} to {@code bytesPerSecond} on every live broker. */
  public static void apply(
      Admin admin,
      Collection<Integer> liveBrokers,
      Collection<String> topics,
      long bytesPerSecond) {
    String rate = Long.toString(bytesPerSecond);
    Map<ConfigResource, Collection<AlterConfigOp>> changes = new LinkedHashMap<>();
    liveBrokers.forEach(
        id -> changes.put(broker(id), List.of(set(LEADER_RATE, rate), set(FOLLOWER_RATE, rate))));
    topics.forEach(
        topic ->
            changes.put(
                topic(topic), List.of(set(LEADER_REPLICAS, "*"), set(FOLLOWER_REPLICAS, "*"))));
    alter(admin, changes, "setting replication throttles");
  }

  /** Removes the rates from the live brokers and the throttled replicas from {@code topics}. */
  public static void clear(
      Admin admin, Collection<Integer> liveBrokers, Collection<String> topics) {
    Map<ConfigResource, Collection<AlterConfigOp>> changes = new LinkedHashMap<>();
    liveBrokers.forEach(
        id -> changes.put(broker(id), List.of(delete(LEADER_RATE), delete(FOLLOWER_RATE))));
    topics.forEach(
        topic ->
            changes.put(topic(topic), List.of(delete(LEADER_REPLICAS), delete(FOLLOWER_REPLICAS))));
    alter(admin, changes, "clearing replication throttles");
  }

  private static void alter(
      Admin admin, Map<ConfigResource, Collection<AlterConfigOp>> changes, String what) {
    if (!changes.isEmpty()) {
      KafkaCalls.await(admin.incrementalAlterConfigs(new LinkedHashMap<>(changes)).all(), what);
    }
  }

  private static ConfigResource broker(int id) {
    return new ConfigResource(ConfigResource.Type.BROKER, Integer.toString(id));
  }

  private static ConfigResource topic(String name) {
    return new ConfigResource(ConfigResource.Type.TOPIC, name);
  }

  private static AlterConfigOp set(String key, String value) {
    return new AlterConfigOp(new ConfigEntry(key, value), AlterConfigOp.OpType.SET);
  }

  private static AlterConfigOp delete(String key) {
    return new AlterConfigOp(new ConfigEntry(key, ""), AlterConfigOp.OpType.DELETE);
  }
}
