package dev.brook.broker.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.brook.testing.BrokerCluster;
import dev.brook.testing.BrokerProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.message.MetadataRequestData;
import org.apache.kafka.common.message.MetadataResponseData;
import org.apache.kafka.common.message.MetadataResponseData.MetadataResponsePartition;
import org.apache.kafka.common.message.MetadataResponseData.MetadataResponseTopic;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three combined voters and a fourth node started later with {@code process.roles=broker}, as an
 * operator scaling a cluster from three brokers to four would run it: the broker-only node
 * registers, hosts leaders and followers, serves clients, is fenced when killed and rejoins the ISR
 * when restarted, and follows topics created after it started. Roles that do not fit the voter list
 * still stop the process with a configuration error.
 */
class BrokerOnlyNodeIT {

  private static final String TOPIC = "observed";
  private static final int BROKER_ONLY = 4;

  @TempDir Path workDir;

  @Test
  void shouldServeAsAFullBrokerWhenItIsNotAVoter() throws Exception {
    try (BrokerCluster cluster = new BrokerCluster(workDir, 3, null, Map.of()).start()) {
      BrokerProcess brokerOnly = cluster.addBrokerOnlyNode();
      brokerOnly.start();
      try (Admin admin = Clients.admin(cluster.bootstrapServers())) {
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> admin.describeCluster().nodes().get().size() == 4);
        assertThat(admin.describeCluster().controller().get().id()).isBetween(1, 3);

        // Partition 0 led by the broker-only node, partition 1 followed by it.
        admin
            .createTopics(
                List.of(new NewTopic(TOPIC, Map.of(0, List.of(4, 1, 2), 1, List.of(1, 4, 2)))))
            .all()
            .get();
        awaitPartitions(admin, List.of(BROKER_ONLY, 1), List.of(1, 2, 4));

        produce(brokerOnly.bootstrapServers(), 0, 50);
        assertThat(consume(brokerOnly.bootstrapServers(), 100)).hasSize(100);

        brokerOnly.kill();
        await()
            .atMost(Duration.ofSeconds(30))
            .ignoreExceptions()
            .untilAsserted(
                () -> {
                  assertThat(ids(admin.describeCluster().nodes().get())).doesNotContain(4);
                  for (TopicPartitionInfo p : describe(admin).partitions()) {
                    assertThat(p.leader().id()).isNotEqualTo(BROKER_ONLY);
                    assertThat(ids(p.isr())).containsExactlyInAnyOrder(1, 2);
                  }
                });
        produce(cluster.node(1).bootstrapServers(), 50, 100);

        brokerOnly.start();
        awaitPartitions(admin, null, List.of(1, 2, 4));
        assertThat(consume(brokerOnly.bootstrapServers(), 200)).hasSize(200);

        admin.createTopics(List.of(new NewTopic("late", 4, (short) 3))).all().get();
        await()
            .atMost(Duration.ofSeconds(10))
            .untilAsserted(() -> assertLedEverywhere(metadataFrom(brokerOnly, "late"), 4));
      }
    }
  }

  @Test
  void shouldRefuseToStartWhenTheRolesDoNotFitTheVoters() throws Exception {
    String voters = "1@127.0.0.1:19093,2@127.0.0.1:19094,3@127.0.0.1:19095";
    Map<String, String> refused =
        Map.of(
            "1:broker", "node.id 1 is a voter in controller.quorum.voters",
            "4:broker,controller", "node.id 4 has the controller role but is not a voter",
            "4:controller", "node.id 4 has the controller role but is not a voter");
    for (Map.Entry<String, String> topology : refused.entrySet()) {
      String[] idAndRoles = topology.getKey().split(":");
      BrokerProcess node =
          new BrokerProcess(
              workDir.resolve("refused-" + idAndRoles[0] + "-" + idAndRoles[1].length()),
              Map.of(
                  "node.id", idAndRoles[0],
                  "process.roles", idAndRoles[1],
                  "controller.quorum.voters", voters));
      try (node) {
        assertThatThrownBy(node::start)
            .as(topology.getKey())
            .hasMessageContaining("broker exited with 2")
            .hasMessageContaining("Invalid configuration")
            .hasMessageContaining(topology.getValue());
      }
    }
  }

  /** Waits until the partitions have {@code leaders} (when given) and exactly {@code isr}. */
  private static void awaitPartitions(Admin admin, List<Integer> leaders, List<Integer> isr) {
    await()
        .atMost(Duration.ofSeconds(30))
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              List<TopicPartitionInfo> partitions = describe(admin).partitions();
              for (TopicPartitionInfo p : partitions) {
                if (leaders != null) {
                  assertThat(p.leader().id()).isEqualTo(leaders.get(p.partition()));
                }
                assertThat(ids(p.isr())).containsExactlyInAnyOrderElementsOf(isr);
              }
            });
  }

  /** Sends values {@code from..to-1} to both partitions with acks=all. */
  private static void produce(String bootstrap, int from, int to) throws Exception {
    try (KafkaProducer<String, String> producer =
        Clients.producer(bootstrap, Map.of(ProducerConfig.ACKS_CONFIG, "all"))) {
      for (int i = from; i < to; i++) {
        for (int partition = 0; partition < 2; partition++) {
          producer.send(new ProducerRecord<>(TOPIC, partition, "k", "v" + i)).get();
        }
      }
    }
  }

  private static List<ConsumerRecord<String, String>> consume(String bootstrap, int count) {
    try (KafkaConsumer<String, String> consumer = Clients.consumer(bootstrap, Map.of())) {
      consumer.assign(List.of(new TopicPartition(TOPIC, 0), new TopicPartition(TOPIC, 1)));
      return Clients.pollAtLeast(consumer, count, Duration.ofSeconds(30));
    }
  }

  /** The broker-only node's own Metadata answer for {@code topic}. */
  private static MetadataResponseTopic metadataFrom(BrokerProcess node, String topic)
      throws Exception {
    short version = ApiKeys.METADATA.latestVersion();
    try (RawConnection connection = new RawConnection(node.bootstrapServers())) {
      int correlation =
          connection.send(
              new MetadataRequestData()
                  .setTopics(
                      List.of(new MetadataRequestData.MetadataRequestTopic().setName(topic))),
              version);
      MetadataResponseData response = connection.receive(ApiKeys.METADATA, version, correlation);
      return response.topics().find(topic);
    }
  }

  private static void assertLedEverywhere(MetadataResponseTopic topic, int partitions) {
    assertThat(topic.errorCode()).isEqualTo(Errors.NONE.code());
    assertThat(topic.partitions()).hasSize(partitions);
    List<Integer> leaders = new ArrayList<>();
    for (MetadataResponsePartition p : topic.partitions()) {
      assertThat(p.replicaNodes()).hasSize(3);
      leaders.add(p.leaderId());
    }
    assertThat(leaders).allSatisfy(leader -> assertThat(leader).isBetween(1, 4));
  }

  private static TopicDescription describe(Admin admin) throws Exception {
    return admin.describeTopics(List.of(TOPIC)).allTopicNames().get().get(TOPIC);
  }

  private static List<Integer> ids(java.util.Collection<Node> nodes) {
    return nodes.stream().map(Node::id).toList();
  }
}
