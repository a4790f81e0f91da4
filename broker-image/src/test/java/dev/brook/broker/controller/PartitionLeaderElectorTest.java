package dev.brook.broker.controller;

import static dev.brook.broker.controller.ClusterImages.applyAll;
import static dev.brook.broker.controller.ClusterImages.brokers;
import static dev.brook.broker.controller.ClusterImages.fenced;
import static dev.brook.broker.controller.ClusterImages.partition;
import static dev.brook.broker.controller.ClusterImages.withTopic;
import static org.assertj.core.api.Assertions.assertThat;

import dev.brook.broker.metadata.image.MetadataImage;
import dev.brook.broker.metadata.image.PartitionRegistration;
import dev.brook.broker.metadata.record.MetadataRecord;
import dev.brook.broker.metadata.record.MetadataRecord.SetBrokerFenced;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PartitionLeaderElectorTest {

  private final PartitionLeaderElector elector =
      new PartitionLeaderElector(
          configs -> Boolean.parseBoolean(configs.get("unclean.leader.election.enable")));

  @Test
  void shouldElectFirstLiveIsrReplicaInReplicaOrderWhenLeaderIsFenced() {
    MetadataImage image =
        withTopic(
            brokers(3),
            Map.of(),
            new PartitionRegistration(List.of(1, 3, 2), List.of(1, 2, 3), 1, 4, 7));
    List<MetadataRecord> records = elector.fence(image, 1);
    assertThat(records.get(0)).isEqualTo(new SetBrokerFenced(1, true));
    assertThat(partition(applyAll(image, records), 0))
        .isEqualTo(new PartitionRegistration(List.of(1, 3, 2), List.of(2, 3), 3, 5, 8));
  }

  @Test
  void shouldOnlyShrinkIsrWhenFencedBrokerIsAFollower() {
    MetadataImage image =
        withTopic(
            brokers(3),
            Map.of(),
            new PartitionRegistration(List.of(1, 2, 3), List.of(1, 2, 3), 1, 4, 7));
    assertThat(partition(applyAll(image, elector.fence(image, 2)), 0))
        .isEqualTo(new PartitionRegistration(List.of(1, 2, 3), List.of(1, 3), 1, 4, 8));
  }

  @Test
  void shouldKeepLastIsrMemberAndLeaveNoLeaderWhenNoIsrReplicaIsLive() {
    MetadataImage image =
        withTopic(
            fenced(brokers(3), 2),
            Map.of(),
            new PartitionRegistration(List.of(1, 2, 3), List.of(1), 1, 4, 7));
    assertThat(partition(applyAll(image, elector.fence(image, 1)), 0))
        .isEqualTo(new PartitionRegistration(List.of(1, 2, 3), List.of(1), -1, 5, 8));
  }

  @Test
  void shouldElectAnyLiveReplicaWhenTopicAllowsUncleanElection() {
    MetadataImage image =
        withTopic(
            brokers(3),
            Map.of("unclean.leader.election.enable", "true"),
            new PartitionRegistration(List.of(1, 2, 3), List.of(1), 1, 4, 7));
    assertThat(partition(applyAll(image, elector.fence(image, 1)), 0))
        .isEqualTo(new PartitionRegistration(List.of(1, 2, 3), List.of(2), 2, 5, 8));
  }

  @Test
  void shouldLeaveUnrelatedPartitionsAloneWhenBrokerIsFenced() {
    MetadataImage image =
        withTopic(
            brokers(3), Map.of(), new PartitionRegistration(List.of(2, 3), List.of(2, 3), 2, 0, 0));
    assertThat(elector.fence(image, 1)).containsExactly(new SetBrokerFenced(1, true));
  }

  @Test
  void shouldGiveLeaderlessPartitionToReturningIsrMemberWhenUnfenced() {
    MetadataImage image =
        withTopic(
            fenced(brokers(3), 1),
            Map.of(),
            new PartitionRegistration(List.of(1, 2, 3), List.of(1), -1, 5, 8),
            new PartitionRegistration(List.of(2, 3, 1), List.of(2, 3), 2, 1, 1));
    MetadataImage after = applyAll(image, elector.unfence(image, 1));
    assertThat(after.brokers().get(1).fenced()).isFalse();
    assertThat(partition(after, 0))
        .isEqualTo(new PartitionRegistration(List.of(1, 2, 3), List.of(1), 1, 6, 9));
    assertThat(partition(after, 1)).isEqualTo(partition(image, 1));
  }

  @Test
  void shouldElectOnlyLeaderlessPartitionsWhenBrokerReturnsByRegistering() {
    MetadataImage image =
        withTopic(
            brokers(3),
            Map.of(),
            new PartitionRegistration(List.of(1, 2, 3), List.of(1), -1, 5, 8),
            new PartitionRegistration(List.of(2, 1, 3), List.of(2), -1, 2, 3));
    MetadataImage after = applyAll(image, elector.electLeaderless(image, 1));
    assertThat(partition(after, 0).leader()).isEqualTo(1);
    assertThat(partition(after, 1)).isEqualTo(partition(image, 1));
  }
}
