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
import org.apache.kafka.clients.admin.DescribeReplicaLogDirsResult.ReplicaLogDirInfo;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.NewPartitionReassignment;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ReplicaInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionReplica;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * DescribeLogDirs through kafka-clients' Admin, as {@code kafka-log-dirs.sh} and the operator's
 * "bytes copied" progress use it: each broker's log directory with the on-disk size of the
 * partitions it holds, and the volume's total and usable bytes.
 */
class LogDirsIT {

  private static final int RECORD_BYTES = 1_000;

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  static Path workDir;

  private static BrokerCluster cluster;
  private static Admin admin;

  @BeforeAll
  static void start() throws Exception {
    cluster = new BrokerCluster(workDir, 3, null, Map.of()).start();
    admin = Clients.admin(cluster.bootstrapServers());
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> admin.describeCluster().nodes().get().size() == 3);
  }

  @AfterAll
  static void stop() throws Exception {
    admin.close();
    cluster.close();
  }

  @Test
  void shouldReportThePartitionSizesOfEachBrokerAndTheirGrowth() throws Exception {
    String topic = "sized";
    admin
        .createTopics(
            List.of(new NewTopic(topic, Map.of(0, List.of(1), 1, List.of(1), 2, List.of(1)))))
        .all()
        .get();
    produce(topic, 3, 100);

    LogDirDescription dir = onlyDirectory(1);
    assertThat(dir.error()).isNull();
    assertThat(dir.totalBytes().orElseThrow()).isPositive();
    assertThat(dir.usableBytes().orElseThrow())
        .isPositive()
        .isLessThanOrEqualTo(dir.totalBytes().orElseThrow());
    Map<TopicPartition, ReplicaInfo> replicas = dir.replicaInfos();
    for (int partition = 0; partition < 3; partition++) {
      ReplicaInfo replica = replicas.get(new TopicPartition(topic, partition));
      assertThat(replica.size()).isGreaterThanOrEqualTo(100L * RECORD_BYTES);
      assertThat(replica.offsetLag()).isZero();
      assertThat(replica.isFuture()).isFalse();
    }

    produce(topic, 1, 50);
    Map<TopicPartition, ReplicaInfo> grown = onlyDirectory(1).replicaInfos();
    TopicPartition first = new TopicPartition(topic, 0);
    assertThat(grown.get(first).size())
        .isGreaterThanOrEqualTo(replicas.get(first).size() + 50L * RECORD_BYTES);
    assertThat(grown.get(new TopicPartition(topic, 1)).size())
        .isEqualTo(replicas.get(new TopicPartition(topic, 1)).size());

    assertThat(onlyDirectory(2).replicaInfos().keySet()).noneMatch(tp -> tp.topic().equals(topic));
    Map<TopicPartitionReplica, ReplicaLogDirInfo> byReplica =
        admin
            .describeReplicaLogDirs(
                List.of(
                    new TopicPartitionReplica(topic, 0, 1), new TopicPartitionReplica(topic, 0, 2)))
            .all()
            .get();
    assertThat(byReplica.get(new TopicPartitionReplica(topic, 0, 1)).getCurrentReplicaLogDir())
        .isEqualTo(logDirOf(1));
    assertThat(byReplica.get(new TopicPartitionReplica(topic, 0, 2)).getCurrentReplicaLogDir())
        .isNull();
  }

  @Test
  void shouldReportANewReplicaGrowingToTheLeadersSizeAfterAReassignment() throws Exception {
    String topic = "moved";
    TopicPartition tp = new TopicPartition(topic, 0);
    admin.createTopics(List.of(new NewTopic(topic, Map.of(0, List.of(1))))).all().get();
    produce(topic, 1, 2_000);
    long leaderSize = onlyDirectory(1).replicaInfos().get(tp).size();

    admin
        .alterPartitionReassignments(
            Map.of(tp, Optional.of(new NewPartitionReassignment(List.of(1, 3)))))
        .all()
        .get();
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              ReplicaInfo copied = onlyDirectory(3).replicaInfos().get(tp);
              return copied != null && copied.size() == leaderSize;
            });
    await().atMost(Duration.ofSeconds(30)).until(() -> Clients.isr(admin, topic, 0).contains(3));
    assertThat(onlyDirectory(1).replicaInfos().get(tp).size()).isEqualTo(leaderSize);
  }

  private static LogDirDescription onlyDirectory(int brokerId) throws Exception {
    Map<String, LogDirDescription> dirs =
        admin.describeLogDirs(List.of(brokerId)).allDescriptions().get().get(brokerId);
    assertThat(dirs).containsOnlyKeys(logDirOf(brokerId));
    return dirs.get(logDirOf(brokerId));
  }

  private static String logDirOf(int brokerId) {
    return cluster.node(brokerId).dataDir().toAbsolutePath().toString();
  }

  private static void produce(String topic, int partitions, int records) {
    for (int partition = 0; partition < partitions; partition++) {
      Clients.produceFixedSize(cluster.bootstrapServers(), topic, partition, records, RECORD_BYTES);
    }
  }
}
