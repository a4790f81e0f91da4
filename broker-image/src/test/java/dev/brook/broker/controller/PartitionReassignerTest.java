package dev.brook.broker.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brook.broker.metadata.image.PartitionRegistration;
import java.util.List;
import org.apache.kafka.common.errors.InvalidReplicaAssignmentException;
import org.apache.kafka.common.errors.NoReassignmentInProgressException;
import org.junit.jupiter.api.Test;

class PartitionReassignerTest {

  private static final PartitionRegistration ON_1_2_3 =
      new PartitionRegistration(List.of(1, 2, 3), List.of(1, 2, 3), 1, 4, 10);

  @Test
  void shouldAddTheNewReplicasWithoutTouchingIsrOrLeaderWhenStarting() {
    PartitionRegistration started =
        PartitionReassigner.start(ON_1_2_3, List.of(2, 3, 4), id -> true);

    assertThat(started.replicas()).containsExactly(2, 3, 4, 1);
    assertThat(started.addingReplicas()).containsExactly(4);
    assertThat(started.removingReplicas()).containsExactly(1);
    assertThat(started.isr()).containsExactly(1, 2, 3);
    assertThat(started.leader()).isEqualTo(1);
    assertThat(started.leaderEpoch()).isEqualTo(4);
    assertThat(started.partitionEpoch()).isEqualTo(11);
    assertThat(started.targetReplicas()).containsExactly(2, 3, 4);
    assertThat(started.originalReplicas()).containsExactlyInAnyOrder(1, 2, 3);
  }

  @Test
  void shouldWaitUntilEveryAddingReplicaIsInSync() {
    PartitionRegistration started =
        PartitionReassigner.start(ON_1_2_3, List.of(2, 3, 4), id -> true);
    assertThat(PartitionReassigner.maybeComplete(started)).isEmpty();
  }

  @Test
  void shouldCompleteOnTheTargetAndMoveLeadershipOffARemovedLeader() {
    PartitionRegistration started =
        PartitionReassigner.start(ON_1_2_3, List.of(2, 3, 4), id -> true);
    PartitionRegistration caughtUp =
        new PartitionRegistration(
            started.replicas(),
            List.of(1, 2, 3, 4),
            started.leader(),
            started.leaderEpoch(),
            started.partitionEpoch() + 1,
            started.addingReplicas(),
            started.removingReplicas());

    PartitionRegistration done = PartitionReassigner.maybeComplete(caughtUp).orElseThrow();

    assertThat(done.replicas()).containsExactly(2, 3, 4);
    assertThat(done.isr()).containsExactly(2, 3, 4);
    assertThat(done.leader()).isEqualTo(2);
    assertThat(done.leaderEpoch()).isEqualTo(5);
    assertThat(done.isReassigning()).isFalse();
  }

  @Test
  void shouldReturnToTheOriginalReplicasWhenCancelled() {
    PartitionRegistration started =
        PartitionReassigner.start(ON_1_2_3, List.of(2, 3, 4), id -> true);
    PartitionRegistration cancelled = PartitionReassigner.cancel(started);

    assertThat(cancelled.replicas())
        .as("original members, in the reassignment order, as Kafka")
        .containsExactly(2, 3, 1);
    assertThat(cancelled.isr()).containsExactlyInAnyOrder(1, 2, 3);
    assertThat(cancelled.leader()).isEqualTo(1);
    assertThat(cancelled.leaderEpoch()).isEqualTo(4);
    assertThat(cancelled.isReassigning()).isFalse();
    assertThatThrownBy(() -> PartitionReassigner.cancel(ON_1_2_3))
        .isInstanceOf(NoReassignmentInProgressException.class);
  }

  @Test
  void shouldRefuseInvalidTargets() {
    assertThatThrownBy(() -> PartitionReassigner.start(ON_1_2_3, List.of(), id -> true))
        .isInstanceOf(InvalidReplicaAssignmentException.class);
    assertThatThrownBy(() -> PartitionReassigner.start(ON_1_2_3, List.of(2, 2), id -> true))
        .isInstanceOf(InvalidReplicaAssignmentException.class);
    assertThatThrownBy(() -> PartitionReassigner.start(ON_1_2_3, List.of(2, 9), id -> id != 9))
        .isInstanceOf(InvalidReplicaAssignmentException.class)
        .hasMessageContaining("9");
  }
}
