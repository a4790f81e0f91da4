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
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.AlterConfigOp.OpType;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.InvalidReplicaAssignmentException;
import org.apache.kafka.common.errors.InvalidRequestException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cordoning a broker (KIP-1066's {@code cordoned.log.dirs}, a dynamic broker config set with
 * IncrementalAlterConfigs): the controller places no new partition on it, whatever broker received
 * the request, and the cordon outlives the broker's restart.
 */
class CordonIT {

  private static final String CORDONED_LOG_DIRS = "cordoned.log.dirs";

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path workDir;

  @Test
  void shouldPlaceNoNewPartitionOnACordonedBrokerUntilItIsUncordoned() throws Exception {
    try (BrokerCluster cluster = new BrokerCluster(workDir, 3, null, Map.of()).start();
        Admin admin = Clients.admin(cluster.bootstrapServers())) {
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> admin.describeCluster().nodes().get().size() == 3);
      int cordoned = 3;
      ConfigResource broker = new ConfigResource(ConfigResource.Type.BROKER, "3");

      alter(admin, broker, new AlterConfigOp(new ConfigEntry(CORDONED_LOG_DIRS, "*"), OpType.SET));
      ConfigEntry entry = cordonEntry(admin, broker, "*");
      assertThat(entry.source()).isEqualTo(ConfigEntry.ConfigSource.DYNAMIC_BROKER_CONFIG);

      admin.createTopics(List.of(new NewTopic("while-cordoned", 6, (short) 2))).all().get();
      admin.createPartitions(Map.of("while-cordoned", NewPartitions.increaseTo(9))).all().get();
      assertThat(brokersOf(admin, "while-cordoned")).doesNotContain(cordoned).hasSize(2);
      assertThatThrownBy(
              () ->
                  admin
                      .createTopics(
                          List.of(new NewTopic("pinned", Map.of(0, List.of(1, cordoned)))))
                      .all()
                      .get())
          .hasCauseInstanceOf(InvalidReplicaAssignmentException.class)
          .hasMessageContaining("cordoned");

      cluster.node(cordoned).stop();
      cluster.node(cordoned).start();
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> admin.describeCluster().nodes().get().size() == 3);
      admin.createTopics(List.of(new NewTopic("after-restart", 6, (short) 2))).all().get();
      assertThat(brokersOf(admin, "after-restart")).doesNotContain(cordoned);

      alter(
          admin, broker, new AlterConfigOp(new ConfigEntry(CORDONED_LOG_DIRS, ""), OpType.DELETE));
      assertThat(cordonEntry(admin, broker, "").source())
          .isEqualTo(ConfigEntry.ConfigSource.DEFAULT_CONFIG);
      admin.createTopics(List.of(new NewTopic("uncordoned", 3, (short) 3))).all().get();
      assertThat(brokersOf(admin, "uncordoned")).contains(cordoned);
    }
  }

  @Test
  void shouldRefuseStaticKeysAndValuesOtherThanTheWholeBroker() throws Exception {
    try (BrokerCluster cluster = new BrokerCluster(workDir, 1, null, Map.of()).start();
        Admin admin = Clients.admin(cluster.bootstrapServers())) {
      ConfigResource broker = new ConfigResource(ConfigResource.Type.BROKER, "1");
      assertThatThrownBy(
              () ->
                  alter(
                      admin,
                      broker,
                      new AlterConfigOp(new ConfigEntry(CORDONED_LOG_DIRS, "/data"), OpType.SET)))
          .hasCauseInstanceOf(InvalidConfigurationException.class)
          .hasMessageContaining("one log directory");
      assertThatThrownBy(
              () ->
                  alter(
                      admin,
                      broker,
                      new AlterConfigOp(new ConfigEntry("log.dirs", "/tmp"), OpType.SET)))
          .hasCauseInstanceOf(InvalidRequestException.class)
          .hasMessageContaining("cannot be changed at run time");
      assertThat(cordonEntry(admin, broker, "").source())
          .isEqualTo(ConfigEntry.ConfigSource.DEFAULT_CONFIG);
    }
  }

  private static void alter(Admin admin, ConfigResource resource, AlterConfigOp op)
      throws Exception {
    admin.incrementalAlterConfigs(Map.of(resource, List.of(op))).all().get();
  }

  /** The broker's cordon entry once it shows {@code value}. */
  private static ConfigEntry cordonEntry(Admin admin, ConfigResource broker, String value) {
    // The described broker applies the metadata a moment after the controller commits it.
    return await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                admin
                    .describeConfigs(List.of(broker))
                    .all()
                    .get()
                    .get(broker)
                    .get(CORDONED_LOG_DIRS),
            entry -> entry != null && value.equals(entry.value()));
  }

  private static Set<Integer> brokersOf(Admin admin, String topic) throws Exception {
    TopicDescription description =
        admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
    return description.partitions().stream()
        .map(p -> p.replicas())
        .flatMap(Collection::stream)
        .map(Node::id)
        .collect(Collectors.toSet());
  }
}
