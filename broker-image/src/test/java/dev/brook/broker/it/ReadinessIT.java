package dev.brook.broker.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.brook.testing.BrokerCluster;
import dev.brook.testing.BrokerProcess;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.message.MetadataRequestData;
import org.apache.kafka.common.message.MetadataResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A broker answers clients only once it is registered, caught up and unfenced: a client that
 * connects the moment a freshly started cluster's port opens is held until then, and its first
 * answers describe a working cluster (the Debian librdkafka 2.0.2 Admin timed out on the empty
 * broker list a fresh cluster used to answer with).
 */
class ReadinessIT {

  @TempDir Path workDir;

  @Test
  void shouldAnswerTheFirstRequestsOfAFreshClusterOnlyOnceReady() throws Exception {
    try (BrokerCluster cluster =
        new BrokerCluster(workDir, 3, null, Map.of("min.insync.replicas", "2"))) {
      for (BrokerProcess node : cluster.nodes()) {
        node.startWithoutWaiting();
      }
      BrokerProcess first = cluster.node(1);
      awaitPortOpen(first.port());

      try (RawConnection connection = new RawConnection(first.bootstrapServers())) {
        short version = ApiKeys.METADATA.latestVersion();
        int correlationId = connection.send(new MetadataRequestData().setTopics(null), version);
        MetadataResponseData metadata =
            connection.receive(ApiKeys.METADATA, version, correlationId);
        assertThat(metadata.brokers()).extracting(b -> b.nodeId()).contains(1);
        assertThat(metadata.controllerId()).isPositive();
      }
      try (Admin admin = Clients.admin(first.bootstrapServers())) {
        // Three replicas need the three brokers registered: the others may start a moment later
        // (as in Kafka, a replication factor above the registered brokers is refused).
        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> admin.describeCluster().nodes().get().size() == 3);
        admin.createTopics(List.of(new NewTopic("early", 3, (short) 3))).all().get();
        assertThat(
                admin
                    .describeTopics(List.of("early"))
                    .allTopicNames()
                    .get()
                    .get("early")
                    .partitions())
            .hasSize(3)
            .allSatisfy(p -> assertThat(p.replicas()).hasSize(3));
      }
    }
  }

  private static void awaitPortOpen(int port) throws InterruptedException {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (System.nanoTime() < deadline) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 100);
        return;
      } catch (IOException notYet) {
        Thread.sleep(5);
      }
    }
    throw new AssertionError("port " + port + " did not open within 60 s");
  }
}
