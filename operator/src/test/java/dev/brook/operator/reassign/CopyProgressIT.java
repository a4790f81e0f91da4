package dev.brook.operator.reassign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.brook.operator.testing.KafkaClients;
import dev.brook.testing.BrokerCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewPartitionReassignment;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bytes-copied progress the operator reports for partition moves, read from two real brokers: a
 * replica added by a throttled reassignment shows its leader's log size to copy and a copied count
 * that grows until the replica joins the ISR, after which nothing is left to report.
 */
class CopyProgressIT {

  private static final int RECORDS = 4_000;
  private static final int RECORD_BYTES = 1_000;
  private static final long RATE = 1_000_000;

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path workDir;

  @Test
  void shouldReportBytesCopiedToANewReplicaUntilItIsInSync() throws Exception {
    try (BrokerCluster cluster = new BrokerCluster(workDir, 2, null, Map.of()).start();
        Admin admin = KafkaClients.admin(cluster.bootstrapServers())) {
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> admin.describeCluster().nodes().get().size() == 2);
      String topic = "copied";
      admin.createTopics(List.of(new NewTopic(topic, Map.of(0, List.of(1))))).all().get();
      produce(cluster.bootstrapServers(), topic);
      ReplicationThrottles.apply(admin, List.of(1, 2), List.of(topic), RATE);
      assertThat(CopyProgress.read(admin, ClusterLayoutReader.read(admin)))
          .as("nothing moves yet")
          .isEmpty();

      admin
          .alterPartitionReassignments(
              Map.of(
                  new TopicPartition(topic, 0),
                  Optional.of(new NewPartitionReassignment(List.of(1, 2)))))
          .all()
          .get();
      List<CopyProgress> samples = new ArrayList<>();
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(300))
          .until(
              () -> {
                Optional<CopyProgress> progress =
                    CopyProgress.read(admin, ClusterLayoutReader.read(admin));
                progress.ifPresent(samples::add);
                return progress.isEmpty() && !samples.isEmpty();
              });

      System.out.println("copy progress samples: " + samples);
      long written = (long) RECORDS * RECORD_BYTES;
      assertThat(samples).allSatisfy(s -> assertThat(s.copied()).isBetween(0L, s.toCopy()));
      assertThat(samples.get(0).toCopy()).isGreaterThan(written);
      assertThat(samples.get(samples.size() - 1).copied())
          .as("copied grows while the throttle paces the copy")
          .isGreaterThan(samples.get(0).copied());
      ReplicationThrottles.clear(admin, List.of(1, 2), List.of(topic));
    }
  }

  private static void produce(String bootstrap, String topic) {
    String value = "v".repeat(RECORD_BYTES);
    try (KafkaProducer<String, String> producer = KafkaClients.producer(bootstrap)) {
      for (int i = 0; i < RECORDS; i++) {
        producer.send(new ProducerRecord<>(topic, "k" + i, value));
      }
      producer.flush();
    }
  }
}
