package dev.brook.broker.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.brook.testing.BrokerCluster;
import dev.brook.testing.BrokerProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.NewPartitionReassignment;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.BrokerIdNotRegisteredException;
import org.apache.kafka.common.errors.InvalidRequestException;
import org.apache.kafka.common.message.UnregisterBrokerRequestData;
import org.apache.kafka.common.message.UnregisterBrokerResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * UnregisterBroker on three voters and a broker-only node, as {@code kafka-cluster unregister} is
 * used after a broker was removed for good: refused while the broker runs and while a partition
 * still names it, accepted once it is stopped and its replicas moved, whichever node receives it
 * (the non-controllers forward it), after which no node lists it, fenced or not.
 */
class UnregisterBrokerIT {

  private static final int REMOVED = 4;
  private static final String TOPIC = "leaving";

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path workDir;

  @Test
  void shouldUnregisterAStoppedBrokerOnlyOnceNoPartitionNamesIt() throws Exception {
    try (BrokerCluster cluster = new BrokerCluster(workDir, 3, null, Map.of()).start();
        Admin admin = Clients.admin(cluster.bootstrapServers())) {
      BrokerProcess removed = cluster.addBrokerOnlyNode();
      removed.start();
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> admin.describeCluster().nodes().get().size() == 4);
      admin.createTopics(List.of(new NewTopic(TOPIC, Map.of(0, List.of(REMOVED, 1))))).all().get();
      Clients.produceFixedSize(cluster.bootstrapServers(), TOPIC, 0, 100, 100);

      assertRefused(admin, InvalidRequestException.class, "Broker 4 is alive");

      removed.stop();
      await().atMost(Duration.ofSeconds(30)).until(() -> fenced(admin).contains(REMOVED));
      assertRefused(
          admin, InvalidRequestException.class, "still a replica of 1 partition(s), leaving-0");

      TopicPartition tp = new TopicPartition(TOPIC, 0);
      admin
          .alterPartitionReassignments(
              Map.of(tp, Optional.of(new NewPartitionReassignment(List.of(1, 2)))))
          .all()
          .get();
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> admin.listPartitionReassignments().reassignments().get().isEmpty());
      assertThat(Clients.isr(admin, TOPIC, 0)).containsExactlyInAnyOrder(1, 2);

      int forwarder = notTheController(admin);
      UnregisterBrokerResponseData response =
          call(cluster.node(forwarder), new UnregisterBrokerRequestData().setBrokerId(REMOVED));
      assertThat(response.errorCode()).as("%s", response).isEqualTo(Errors.NONE.code());

      for (int voter = 1; voter <= 3; voter++) {
        try (Admin direct = Clients.admin(cluster.node(voter).bootstrapServers())) {
          await()
              .atMost(Duration.ofSeconds(10))
              .untilAsserted(
                  () ->
                      assertThat(
                              direct
                                  .describeCluster(
                                      new DescribeClusterOptions().includeFencedBrokers(true))
                                  .nodes()
                                  .get())
                          .extracting(Node::id)
                          .containsExactlyInAnyOrder(1, 2, 3));
        }
      }
      assertRefused(admin, BrokerIdNotRegisteredException.class, "Broker 4 is not registered");
    }
  }

  private static void assertRefused(Admin admin, Class<? extends Exception> error, String message) {
    assertThatThrownBy(() -> admin.unregisterBroker(REMOVED).all().get())
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(error)
        .hasMessageContaining(message);
  }

  private static List<Integer> fenced(Admin admin) throws Exception {
    return admin
        .describeCluster(new DescribeClusterOptions().includeFencedBrokers(true))
        .nodes()
        .get()
        .stream()
        .filter(Node::isFenced)
        .map(Node::id)
        .toList();
  }

  private static int notTheController(Admin admin) throws Exception {
    int controller = admin.describeCluster().controller().get().id();
    return controller == 1 ? 2 : 1;
  }

  private static UnregisterBrokerResponseData call(
      BrokerProcess node, UnregisterBrokerRequestData request) throws Exception {
    try (RawConnection connection = new RawConnection(node.bootstrapServers())) {
      int correlationId = connection.send(request, (short) 0);
      return connection.receive(ApiKeys.UNREGISTER_BROKER, (short) 0, correlationId);
    }
  }
}
