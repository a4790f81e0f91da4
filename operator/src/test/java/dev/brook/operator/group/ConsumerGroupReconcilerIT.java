package dev.brook.operator.group;

import static dev.brook.operator.testing.TestOperator.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.brook.e2e.junit.WithLocalKubernetes;
import dev.brook.operator.api.ConditionReason;
import dev.brook.operator.api.ConditionType;
import dev.brook.operator.api.Conditions;
import dev.brook.operator.api.ConsumerGroup;
import dev.brook.operator.api.ConsumerGroupSpec;
import dev.brook.operator.api.OffsetResetSpec;
import dev.brook.operator.api.OffsetResetTarget;
import dev.brook.operator.api.PartitionLag;
import dev.brook.operator.kafka.AdminClients;
import dev.brook.operator.testing.Resources;
import dev.brook.operator.testing.StandaloneBroker;
import dev.brook.operator.testing.TestOperator;
import dev.brook.testing.BrokerProcess;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ConsumerGroup reconciler against a real single-node broker and the local control plane. */
@WithLocalKubernetes
class ConsumerGroupReconcilerIT {

  private static final String CLUSTER = "one";
  private static final String TOPIC = "events";
  private static final TopicPartition PARTITION = new TopicPartition(TOPIC, 0);

  @TempDir static Path work;
  private static BrokerProcess broker;
  private static AdminClients admins;
  private static TestOperator operator;
  private static Admin admin;
  private static KubernetesClient client;

  @BeforeAll
  static void start(KubernetesClient kubernetes) throws Exception {
    client = kubernetes;
    broker = StandaloneBroker.start(work.resolve("broker"));
    admins = new AdminClients();
    operator = TestOperator.start(client, "groups", List.of(new ConsumerGroupReconciler(admins)));
    Resources.clusterAt(client, operator.namespace(), CLUSTER, broker.bootstrapServers());
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    admin = Admin.create(props);
    admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get();
    produce(1000);
  }

  @AfterAll
  static void stop() throws InterruptedException {
    admin.close();
    operator.close();
    admins.close();
    broker.close();
  }

  @Test
  void shouldReportLagThenResetToEarliestWhenGroupIsEmpty() throws Exception {
    String groupId = "readers";
    try (KafkaConsumer<String, String> consumer = consumer(groupId)) {
      consumer.assign(List.of(PARTITION));
      consumer.seekToBeginning(List.of(PARTITION));
      consume(consumer, 400);
      consumer.commitSync(Map.of(PARTITION, new OffsetAndMetadata(400)));
    }
    ConsumerGroup group = client.resource(group("readers", groupId)).create();

    ConsumerGroup observed =
        await().atMost(TIMEOUT).until(() -> client.resource(group).get(), g -> totalLag(g) == 600);

    PartitionLag lag = observed.getStatus().getOffsets().get(0);
    assertThat(lag.getTopic()).isEqualTo(TOPIC);
    assertThat(lag.getCommittedOffset()).isEqualTo(400);
    assertThat(lag.getEndOffset()).isEqualTo(1000);
    assertThat(lag.getLag()).isEqualTo(600);
    assertThat(observed.getStatus().getState()).isEqualTo("Empty");

    ConsumerGroup withReset = client.resource(group).get();
    withReset.getSpec().setOffsetReset(reset("r1", OffsetResetTarget.Earliest));
    client.resource(withReset).update();

    ConsumerGroup reset =
        await()
            .atMost(TIMEOUT)
            .until(
                () -> client.resource(group).get(),
                g ->
                    g.getStatus() != null && "r1".equals(g.getStatus().getAppliedResetRequestId()));
    assertThat(committed(groupId)).isZero();
    await().atMost(TIMEOUT).until(() -> totalLag(client.resource(group).get()) == 1000);
    assertThat(reset.getStatus().getObservedGeneration())
        .isEqualTo(reset.getMetadata().getGeneration());
  }

  @Test
  void shouldWaitWithResetWhileGroupHasMembers() throws Exception {
    String groupId = "busy";
    try (KafkaConsumer<String, String> consumer = consumer(groupId)) {
      consumer.subscribe(List.of(TOPIC));
      consume(consumer, 100);
      consumer.commitSync();
      ConsumerGroup group = group("busy", groupId);
      group.getSpec().setOffsetReset(reset("r1", OffsetResetTarget.Latest));
      client.resource(group).create();

      ConsumerGroup waiting =
          await()
              .atMost(TIMEOUT)
              .until(
                  () -> {
                    consumer.poll(Duration.ofMillis(100));
                    return client.resource(group).get();
                  },
                  g -> hasReadyReason(g, ConditionReason.ResetWaitingForEmptyGroup));
      assertThat(waiting.getStatus().getMembers()).hasSize(1);
      assertThat(waiting.getStatus().getAppliedResetRequestId()).isNull();
    }
    ConsumerGroup group =
        client
            .resources(ConsumerGroup.class)
            .inNamespace(operator.namespace())
            .withName("busy")
            .get();
    await()
        .atMost(TIMEOUT)
        .until(
            () -> client.resource(group).get(),
            g -> "r1".equals(g.getStatus().getAppliedResetRequestId()));
    assertThat(committed(groupId)).isEqualTo(1000);
  }

  private static boolean hasReadyReason(ConsumerGroup group, ConditionReason reason) {
    return group.getStatus() != null
        && Conditions.find(group.getStatus().getConditions(), ConditionType.Ready)
            .filter(c -> reason.name().equals(c.getReason()))
            .isPresent();
  }

  private static long totalLag(ConsumerGroup group) {
    return group.getStatus() == null || group.getStatus().getOffsets().isEmpty()
        ? -1
        : group.getStatus().getTotalLag();
  }

  private static long committed(String groupId) throws Exception {
    return admin
        .listConsumerGroupOffsets(groupId)
        .partitionsToOffsetAndMetadata()
        .get()
        .get(PARTITION)
        .offset();
  }

  private static ConsumerGroup group(String name, String groupId) {
    ConsumerGroup group = new ConsumerGroup();
    group.setMetadata(
        new ObjectMetaBuilder().withName(name).withNamespace(operator.namespace()).build());
    group.setSpec(new ConsumerGroupSpec());
    group.getSpec().setCluster(CLUSTER);
    group.getSpec().setGroupId(groupId);
    return group;
  }

  private static OffsetResetSpec reset(String requestId, OffsetResetTarget to) {
    OffsetResetSpec reset = new OffsetResetSpec();
    reset.setRequestId(requestId);
    reset.setTo(to);
    return reset;
  }

  private static void produce(int count) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
      for (int i = 0; i < count; i++) {
        producer.send(new ProducerRecord<>(TOPIC, 0, "k" + i, "v" + i));
      }
      producer.flush();
    }
  }

  private static KafkaConsumer<String, String> consumer(String groupId) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 100);
    return new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
  }

  private static void consume(KafkaConsumer<String, String> consumer, int count) {
    int[] seen = {0};
    await()
        .atMost(TIMEOUT)
        .until(
            () -> {
              seen[0] += consumer.poll(Duration.ofMillis(200)).count();
              return seen[0] >= count;
            });
  }
}
