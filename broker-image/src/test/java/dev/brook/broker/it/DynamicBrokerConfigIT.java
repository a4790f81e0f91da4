package dev.brook.broker.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.brook.testing.BrokerCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.AlterConfigOp.OpType;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ConfigEntry.ConfigSource;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Topic defaults changed at run time as dynamic broker configs, cluster-wide (the BROKER resource
 * with an empty name) and per broker, on a three-node quorum: DescribeConfigs reports each value
 * with Kafka's source, retention and {@code min.insync.replicas} take effect on running brokers, a
 * broker's own override wins over the cluster-wide one, and deleting them restores the properties.
 */
class DynamicBrokerConfigIT {

  private static final ConfigResource CLUSTER = new ConfigResource(ConfigResource.Type.BROKER, "");

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path workDir;

  @Test
  void shouldApplyClusterWideAndPerBrokerLogDefaultsWithoutARestart() throws Exception {
    try (BrokerCluster cluster =
            new BrokerCluster(
                    workDir,
                    3,
                    null,
                    Map.of(
                        "log.retention.hours", "168",
                        "log.retention.check.interval.ms", "200"))
                .start();
        Admin admin = Clients.admin(cluster.bootstrapServers())) {
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> admin.describeCluster().nodes().get().size() == 3);
      admin
          .createTopics(
              List.of(
                  new NewTopic("defaults", 1, (short) 3)
                      .configs(Map.of("internal.segment.bytes", "2048"))))
          .all()
          .get();
      TopicPartition tp = new TopicPartition("defaults", 0);
      produce(cluster, 0, 100, System.currentTimeMillis() - 7_200_000L);
      produce(cluster, 100, 200, System.currentTimeMillis());
      assertThat(earliestOffset(cluster, tp)).isZero();

      alter(
          admin,
          CLUSTER,
          op("log.retention.ms", "3600000", OpType.SET),
          op("min.insync.replicas", "4", OpType.SET));

      // Committed by the controller; each broker answers from its own image, a moment later.
      eventually(
          () ->
              assertThat(describe(admin, CLUSTER).entries())
                  .extracting(ConfigEntry::name, ConfigEntry::value, ConfigEntry::source)
                  .containsExactlyInAnyOrder(
                      org.assertj.core.groups.Tuple.tuple(
                          "log.retention.ms",
                          "3600000",
                          ConfigSource.DYNAMIC_DEFAULT_BROKER_CONFIG),
                      org.assertj.core.groups.Tuple.tuple(
                          "min.insync.replicas", "4", ConfigSource.DYNAMIC_DEFAULT_BROKER_CONFIG)));
      eventually(
          () -> {
            Config broker2 = describe(admin, new ConfigResource(ConfigResource.Type.BROKER, "2"));
            assertThat(broker2.get("log.retention.ms").source())
                .isEqualTo(ConfigSource.DYNAMIC_DEFAULT_BROKER_CONFIG);
            assertThat(broker2.get("log.retention.ms").isReadOnly()).isFalse();
            assertThat(broker2.get("log.retention.hours").source())
                .isEqualTo(ConfigSource.STATIC_BROKER_CONFIG);
            assertThat(broker2.get("log.dirs").isReadOnly()).isTrue();
          });
      ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, "defaults");
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () -> {
                ConfigEntry retention = describe(admin, topic).get("retention.ms");
                assertThat(retention.value()).isEqualTo("3600000");
                assertThat(retention.source())
                    .isEqualTo(ConfigSource.DYNAMIC_DEFAULT_BROKER_CONFIG);
              });

      // The running leader applies the new retention: the two-hour-old segments go.
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(() -> assertThat(earliestOffset(cluster, tp)).isBetween(1L, 100L));
      // ...and the new min.insync.replicas: three in-sync replicas are not enough for acks=all.
      eventually(
          () ->
              assertThatThrownBy(() -> produce(cluster, 200, 201, System.currentTimeMillis()))
                  .hasRootCauseInstanceOf(NotEnoughReplicasException.class));

      int leader =
          admin
              .describeTopics(List.of("defaults"))
              .allTopicNames()
              .get()
              .get("defaults")
              .partitions()
              .get(0)
              .leader()
              .id();
      ConfigResource leaderBroker =
          new ConfigResource(ConfigResource.Type.BROKER, Integer.toString(leader));
      alter(admin, leaderBroker, op("min.insync.replicas", "2", OpType.SET));
      eventually(
          () ->
              assertThat(describe(admin, leaderBroker).get("min.insync.replicas").source())
                  .isEqualTo(ConfigSource.DYNAMIC_BROKER_CONFIG));
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(() -> produce(cluster, 200, 210, System.currentTimeMillis()));

      assertThatThrownBy(() -> alter(admin, CLUSTER, op("log.segment.bytes", "-5", OpType.SET)))
          .hasCauseInstanceOf(InvalidConfigurationException.class);

      alter(
          admin,
          CLUSTER,
          op("log.retention.ms", "", OpType.DELETE),
          op("min.insync.replicas", "", OpType.DELETE));
      alter(admin, leaderBroker, op("min.insync.replicas", "", OpType.DELETE));
      eventually(() -> assertThat(describe(admin, CLUSTER).entries()).isEmpty());
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () -> {
                ConfigEntry retention = describe(admin, topic).get("retention.ms");
                assertThat(retention.value()).isEqualTo(Long.toString(168 * 3_600_000L));
                assertThat(retention.source()).isEqualTo(ConfigSource.STATIC_BROKER_CONFIG);
              });
    }
  }

  private static void eventually(org.awaitility.core.ThrowingRunnable assertion) {
    await().atMost(Duration.ofSeconds(10)).untilAsserted(assertion);
  }

  private static AlterConfigOp op(String key, String value, OpType type) {
    return new AlterConfigOp(new ConfigEntry(key, value), type);
  }

  private static void alter(Admin admin, ConfigResource resource, AlterConfigOp... ops)
      throws ExecutionException, InterruptedException {
    Map<ConfigResource, Collection<AlterConfigOp>> changes = Map.of(resource, List.of(ops));
    admin.incrementalAlterConfigs(changes).all().get();
  }

  private static Config describe(Admin admin, ConfigResource resource) throws Exception {
    return admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource);
  }

  private static void produce(BrokerCluster cluster, int from, int to, long timestamp)
      throws Exception {
    try (KafkaProducer<String, String> producer =
        Clients.producer(
            cluster.bootstrapServers(),
            Map.of(
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false,
                ProducerConfig.RETRIES_CONFIG, 0,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 4000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                ProducerConfig.LINGER_MS_CONFIG, 0))) {
      for (int i = from; i < to; i++) {
        producer
            .send(new ProducerRecord<>("defaults", 0, timestamp, "k".repeat(64), "value-" + i))
            .get(10, TimeUnit.SECONDS);
      }
    }
  }

  private static long earliestOffset(BrokerCluster cluster, TopicPartition tp) {
    try (var consumer = Clients.consumer(cluster.bootstrapServers(), Map.of())) {
      return consumer.beginningOffsets(List.of(tp)).get(tp);
    }
  }
}
