package dev.brook.broker.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.brook.testing.BrokerCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewPartitionReassignment;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Kafka's replication throttle as {@code kafka-reassign-partitions --throttle} sets it: a replica
 * added by a reassignment copies the existing data no faster than the throttled rate, whether the
 * leader or the follower enforces it, and joins the ISR once it caught up.
 */
class ReplicationThrottleIT {

  private static final int RECORDS = 6_000;
  private static final int RECORD_BYTES = 1_000;
  private static final long RATE = 1_000_000;

  /** The broker's default {@code replica.fetch.max.bytes}: how much one fetch may overdraw. */
  private static final long FETCH_MAX_BYTES = 1_048_576;

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path workDir;

  @ParameterizedTest(name = "throttled on the {0} side")
  @ValueSource(strings = {"leader", "follower"})
  void shouldCopyANewReplicaNoFasterThanTheThrottledRate(String side) throws Exception {
    try (BrokerCluster cluster = new BrokerCluster(workDir, 2, null, Map.of()).start();
        Admin admin = Clients.admin(cluster.bootstrapServers())) {
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> admin.describeCluster().nodes().get().size() == 2);
      String topic = "throttled-" + side;
      admin.createTopics(List.of(new NewTopic(topic, Map.of(0, List.of(1))))).all().get();
      long bytes = produce(cluster.bootstrapServers(), topic);

      int throttledBroker = side.equals("leader") ? 1 : 2;
      admin
          .incrementalAlterConfigs(
              Map.of(
                  new ConfigResource(ConfigResource.Type.BROKER, Integer.toString(throttledBroker)),
                  List.of(set(side + ".replication.throttled.rate", Long.toString(RATE))),
                  new ConfigResource(ConfigResource.Type.TOPIC, topic),
                  List.of(set(side + ".replication.throttled.replicas", "*"))))
          .all()
          .get();
      awaitRateApplied(admin, throttledBroker, side);

      long started = System.nanoTime();
      TopicPartition tp = new TopicPartition(topic, 0);
      admin
          .alterPartitionReassignments(
              Map.of(tp, Optional.of(new NewPartitionReassignment(List.of(1, 2)))))
          .all()
          .get();
      await()
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofMillis(100))
          .until(() -> Clients.isr(admin, topic, 0).contains(2));
      double seconds = (System.nanoTime() - started) / 1e9;
      double observedRate = bytes / seconds;
      System.out.printf(
          "throttle on the %s side: %,d bytes copied in %.1f s (%,.0f B/s, limit %,d B/s)%n",
          side, bytes, seconds, observedRate, RATE);
      // The bucket starts with one second of budget, and a fetch that starts while budget is left
      // may overdraw it by up to one partition's fetch size; everything else is paced at the rate.
      // Unthrottled, the copy takes well under a second.
      assertThat(seconds).isGreaterThanOrEqualTo((bytes - RATE - FETCH_MAX_BYTES) / (double) RATE);
    }
  }

  private static long produce(String bootstrap, String topic) {
    Clients.produceFixedSize(bootstrap, topic, null, RECORDS, RECORD_BYTES);
    return (long) RECORDS * RECORD_BYTES;
  }

  private static void awaitRateApplied(Admin admin, int brokerId, String side) {
    ConfigResource broker =
        new ConfigResource(ConfigResource.Type.BROKER, Integer.toString(brokerId));
    String key = side + ".replication.throttled.rate";
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> admin.describeConfigs(List.of(broker)).all().get().get(broker).get(key).value(),
            Long.toString(RATE)::equals);
  }

  private static AlterConfigOp set(String key, String value) {
    return new AlterConfigOp(new ConfigEntry(key, value), AlterConfigOp.OpType.SET);
  }
}
