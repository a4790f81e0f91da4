package dev.brook.broker.controller;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.kafka.common.message.CreateTopicsRequestData.CreatableTopic;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.Test;

class TopicCreatorTest {

  private final TopicCreator creator =
      new TopicCreator(1, (short) 1, new PlacementReplicaAssigner(), configs -> {});

  @Test
  void shouldRefuseANameGivenTwiceWithOneResultAndCreateTheOthers() {
    ControllerResult<List<TopicCreationResult>> result =
        creator.create(
            ClusterImages.brokers(1), List.of(topic("twice"), topic("once"), topic("twice")));

    assertThat(result.response())
        .extracting(r -> r.name() + " " + r.error().error())
        .containsExactly("twice " + Errors.INVALID_REQUEST, "once " + Errors.NONE);
    assertThat(ClusterImages.applyAll(ClusterImages.brokers(1), result.records()).topic("twice"))
        .isEmpty();
    assertThat(ClusterImages.applyAll(ClusterImages.brokers(1), result.records()).topic("once"))
        .isPresent();
  }

  private static CreatableTopic topic(String name) {
    return new CreatableTopic().setName(name).setNumPartitions(1).setReplicationFactor((short) 1);
  }
}
