package dev.brook.broker.controller;

import static dev.brook.broker.controller.ClusterImages.TOPIC_ID;
import static dev.brook.broker.controller.ClusterImages.brokers;
import static dev.brook.broker.controller.ClusterImages.fenced;
import static dev.brook.broker.controller.ClusterImages.withTopic;
import static org.assertj.core.api.Assertions.assertThat;

import dev.brook.broker.metadata.image.MetadataImage;
import dev.brook.broker.metadata.image.PartitionRegistration;
import dev.brook.broker.metadata.record.MetadataRecord.SetPartition;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.Test;

class AlterPartitionDeciderTest {

  private static final PartitionRegistration CURRENT =
      new PartitionRegistration(List.of(1, 2, 3), List.of(1, 2, 3), 1, 4, 7);

  private final AlterPartitionDecider decider = new AlterPartitionDecider();
  private final MetadataImage image = withTopic(brokers(3), Map.of(), CURRENT);

  private static AlterPartitionRequest request(
      int broker, int leaderEpoch, int partitionEpoch, List<Integer> isr) {
    return new AlterPartitionRequest(
        broker, 100 + broker, TOPIC_ID, 0, leaderEpoch, partitionEpoch, isr);
  }

  @Test
  void shouldCommitIsrWithNextPartitionEpochWhenEpochsAreCurrent() {
    ControllerResult<AlterPartitionResult> result =
        decider.decide(image, request(1, 4, 7, List.of(1, 3)));
    PartitionRegistration expected =
        new PartitionRegistration(List.of(1, 2, 3), List.of(1, 3), 1, 4, 8);
    assertThat(result.response()).isEqualTo(AlterPartitionResult.committed(expected));
    assertThat(result.records()).containsExactly(new SetPartition(TOPIC_ID, 0, expected));
  }

  @Test
  void shouldAnswerFencedLeaderEpochWhenLeaderEpochIsStale() {
    assertThat(decider.decide(image, request(1, 3, 7, List.of(1))).response().error())
        .isEqualTo(Errors.FENCED_LEADER_EPOCH);
  }

  @Test
  void shouldAnswerInvalidUpdateVersionWhenPartitionEpochIsStale() {
    ControllerResult<AlterPartitionResult> result =
        decider.decide(image, request(1, 4, 6, List.of(1)));
    assertThat(result.response().error()).isEqualTo(Errors.INVALID_UPDATE_VERSION);
    assertThat(result.records()).isEmpty();
  }

  @Test
  void shouldAnswerNotLeaderWhenSenderDoesNotLeadThePartition() {
    assertThat(decider.decide(image, request(2, 4, 7, List.of(2))).response().error())
        .isEqualTo(Errors.NOT_LEADER_OR_FOLLOWER);
  }

  @Test
  void shouldAnswerStaleBrokerEpochWhenSenderIsAnOlderIncarnation() {
    AlterPartitionRequest old = new AlterPartitionRequest(1, 1, TOPIC_ID, 0, 4, 7, List.of(1));
    assertThat(decider.decide(image, old).response().error()).isEqualTo(Errors.STALE_BROKER_EPOCH);
  }

  @Test
  void shouldRefuseIsrWhenItLacksTheLeaderOrHoldsAFencedReplica() {
    assertThat(decider.decide(image, request(1, 4, 7, List.of(2, 3))).response().error())
        .isEqualTo(Errors.INVALID_REQUEST);
    MetadataImage withFenced = withTopic(fenced(brokers(3), 3), Map.of(), CURRENT);
    assertThat(decider.decide(withFenced, request(1, 4, 7, List.of(1, 3))).response().error())
        .isEqualTo(Errors.INELIGIBLE_REPLICA);
    assertThat(decider.decide(image, request(1, 4, 7, List.of(1, 4))).response().error())
        .isEqualTo(Errors.INELIGIBLE_REPLICA);
  }

  @Test
  void shouldAnswerUnknownTopicIdWhenTopicIsGone() {
    AlterPartitionRequest unknown =
        new AlterPartitionRequest(1, 101, Uuid.randomUuid(), 0, 4, 7, List.of(1));
    assertThat(decider.decide(image, unknown).response().error())
        .isEqualTo(Errors.UNKNOWN_TOPIC_ID);
  }

  @Test
  void shouldCommitNothingWhenIsrIsUnchanged() {
    ControllerResult<AlterPartitionResult> result =
        decider.decide(image, request(1, 4, 7, List.of(3, 2, 1)));
    assertThat(result.records()).isEmpty();
    assertThat(result.response()).isEqualTo(AlterPartitionResult.committed(CURRENT));
  }
}
