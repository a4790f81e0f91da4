package dev.brook.broker.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.brook.broker.controller.AlterPartitionRequest;
import dev.brook.broker.controller.AlterPartitionResult;
import dev.brook.broker.controller.ConfigChange;
import dev.brook.broker.controller.TopicCreationResult;
import dev.brook.broker.metadata.image.MetadataImage;
import dev.brook.broker.metadata.image.PartitionRegistration;
import dev.brook.broker.metadata.image.TopicImage;
import dev.brook.testing.FreePorts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.AlterConfigOp.OpType;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.message.CreateTopicsRequestData.CreatableTopic;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.ApiError;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Three combined nodes' controller sides in one JVM, talking over loopback Ratis. */
class QuorumControllerIT {

  @TempDir Path dir;
  private final Map<Integer, ControllerNode> nodes = new TreeMap<>();
  private String voters;

  @BeforeEach
  void startQuorum() throws Exception {
    List<String> addresses = new ArrayList<>();
    for (int id = 1; id <= 3; id++) {
      addresses.add(id + "@127.0.0.1:" + FreePorts.next());
    }
    voters = String.join(",", addresses);
    for (int id = 1; id <= 3; id++) {
      nodes.put(id, new ControllerNode(id, voters, dir, Map.of()));
    }
    for (ControllerNode node : nodes.values()) {
      node.lifecycle.registered().get(30, TimeUnit.SECONDS);
    }
  }

  @AfterEach
  void stopQuorum() {
    nodes.values().forEach(ControllerNode::close);
  }

  @Test
  void shouldPlaceReplicasOnThreeBrokersWhenTopicIsCreatedOnAFollower() throws Exception {
    ControllerNode follower = follower();
    List<TopicCreationResult> results =
        follower
            .controller
            .createTopics(List.of(topic("orders", 6)), false)
            .get(10, TimeUnit.SECONDS);
    assertThat(results.get(0).error().error()).isEqualTo(Errors.NONE);
    for (ControllerNode node : nodes.values()) {
      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> node.cache.image().topic("orders").isPresent());
      for (PartitionRegistration p : partitions(node.cache.image(), "orders")) {
        assertThat(new HashSet<>(p.replicas())).containsExactlyInAnyOrder(1, 2, 3);
      }
    }
  }

  @Test
  void shouldForwardTopicConfigChangeWhenReceivedByAFollower() throws Exception {
    createTopic("configured", 1);
    Map<String, ApiError> results =
        follower()
            .controller
            .alterConfigs(
                ConfigResource.Type.TOPIC,
                Map.of(
                    "configured", List.of(new ConfigChange("retention.ms", OpType.SET, "60000"))),
                false)
            .get(10, TimeUnit.SECONDS);
    assertThat(results.get("configured").error()).isEqualTo(Errors.NONE);
    for (ControllerNode node : nodes.values()) {
      await()
          .atMost(Duration.ofSeconds(5))
          .until(
              () ->
                  "60000"
                      .equals(
                          node.cache
                              .image()
                              .topic("configured")
                              .orElseThrow()
                              .configs()
                              .get("retention.ms")));
    }
  }

  @Test
  void shouldFenceSilentBrokerAndMoveItsLeadersWithinSessionTimeout() throws Exception {
    createTopic("events", 6);
    ControllerNode silent = follower();
    silent.lifecycle.close();
    ControllerNode observer = otherThan(silent.id);
    await()
        .atMost(Duration.ofSeconds(6))
        .until(() -> observer.cache.image().brokers().get(silent.id).fenced());
    for (PartitionRegistration p : partitions(observer.cache.image(), "events")) {
      assertThat(p.leader()).isNotEqualTo(silent.id).isNotEqualTo(-1);
      assertThat(p.isr()).doesNotContain(silent.id);
    }
  }

  @Test
  void shouldMoveLeadershipBeforeAnsweringControlledShutdown() throws Exception {
    createTopic("payments", 6);
    ControllerNode leaving = follower();
    assertThat(partitions(leader().cache.image(), "payments"))
        .anyMatch(p -> p.leader() == leaving.id);
    assertThat(leaving.lifecycle.controlledShutdown(Duration.ofSeconds(10))).isTrue();
    MetadataImage image = leader().cache.image();
    assertThat(image.brokers().get(leaving.id).fenced()).isTrue();
    assertThat(partitions(image, "payments")).noneMatch(p -> p.leader() == leaving.id);
  }

  @Test
  void shouldCheckEpochsWhenLeaderAsksForIsrChangeThroughAFollower() throws Exception {
    createTopic("ledger", 1);
    ControllerNode any = follower();
    MetadataImage image = any.cache.image();
    TopicImage topic = image.topic("ledger").orElseThrow();
    PartitionRegistration p = topic.partitions().get(0);
    long epoch = image.brokers().get(p.leader()).epoch();
    List<Integer> shrunk = List.of(p.leader());
    AlterPartitionResult stale =
        any.quorum
            .client()
            .alterPartition(
                new AlterPartitionRequest(
                    p.leader(),
                    epoch,
                    topic.id(),
                    0,
                    p.leaderEpoch(),
                    p.partitionEpoch() + 1,
                    shrunk))
            .get(10, TimeUnit.SECONDS);
    assertThat(stale.error()).isEqualTo(Errors.INVALID_UPDATE_VERSION);
    AlterPartitionResult done =
        any.quorum
            .client()
            .alterPartition(
                new AlterPartitionRequest(
                    p.leader(), epoch, topic.id(), 0, p.leaderEpoch(), p.partitionEpoch(), shrunk))
            .get(10, TimeUnit.SECONDS);
    assertThat(done.error()).isEqualTo(Errors.NONE);
    assertThat(done.registration().orElseThrow().isr()).isEqualTo(shrunk);
    assertThat(done.registration().orElseThrow().partitionEpoch())
        .isEqualTo(p.partitionEpoch() + 1);
  }

  @Test
  void shouldFollowTheLogAcrossAControllerChangeWhenTheNodeIsBrokerOnly() throws Exception {
    ControllerNode brokerOnly =
        new ControllerNode(4, voters, dir, Map.of("process.roles", "broker"));
    nodes.put(4, brokerOnly);
    brokerOnly.lifecycle.registered().get(30, TimeUnit.SECONDS);
    assertThat(brokerOnly.quorum.isVoter()).isFalse();
    assertThat(brokerOnly.controller.isActive()).isFalse();

    createTopic("followed", 8);
    awaitSameImage(brokerOnly, leader());
    assertThat(brokerOnly.quorum.controllerId()).isEqualTo(leader().id);
    assertThat(partitions(brokerOnly.cache.image(), "followed"))
        .anyMatch(p -> p.replicas().contains(4));

    ControllerNode oldLeader = leader();
    nodes.remove(oldLeader.id).close();
    createTopic("after-failover", 2);
    awaitSameImage(brokerOnly, leader());
    assertThat(brokerOnly.quorum.controllerId()).isEqualTo(leader().id);
  }

  private static void awaitSameImage(ControllerNode follower, ControllerNode leader) {
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () -> {
              MetadataImage expected = leader.cache.image();
              MetadataImage actual = follower.cache.image();
              assertThat(actual.topicsByName()).isEqualTo(expected.topicsByName());
              assertThat(actual.brokers()).isEqualTo(expected.brokers());
              assertThat(actual.nextProducerId()).isEqualTo(expected.nextProducerId());
            });
  }

  private void createTopic(String name, int partitions) throws Exception {
    List<TopicCreationResult> results =
        leader()
            .controller
            .createTopics(List.of(topic(name, partitions)), false)
            .get(10, TimeUnit.SECONDS);
    assertThat(results.get(0).error().error()).isEqualTo(Errors.NONE);
    for (ControllerNode node : nodes.values()) {
      await().atMost(Duration.ofSeconds(5)).until(() -> node.cache.image().topic(name).isPresent());
    }
  }

  private static CreatableTopic topic(String name, int partitions) {
    return new CreatableTopic()
        .setName(name)
        .setNumPartitions(partitions)
        .setReplicationFactor((short) 3);
  }

  private static List<PartitionRegistration> partitions(MetadataImage image, String topic) {
    return List.copyOf(image.topic(topic).orElseThrow().partitions().values());
  }

  private ControllerNode leader() {
    return await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> nodes.values().stream().filter(n -> n.controller.isActive()).findFirst(),
            java.util.Optional::isPresent)
        .get();
  }

  private ControllerNode follower() {
    return otherThan(leader().id);
  }

  private ControllerNode otherThan(int id) {
    return nodes.values().stream().filter(n -> n.id != id).findFirst().orElseThrow();
  }
}
