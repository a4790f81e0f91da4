package dev.brook.broker.group;

import static dev.brook.broker.group.GroupFixture.SESSION_MS;
import static dev.brook.broker.group.GroupFixture.commitRequest;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.message.JoinGroupResponseData;
import org.apache.kafka.common.message.OffsetCommitRequestData;
import org.apache.kafka.common.message.OffsetCommitRequestData.OffsetCommitRequestPartition;
import org.apache.kafka.common.message.OffsetCommitResponseData;
import org.apache.kafka.common.message.OffsetFetchRequestData;
import org.apache.kafka.common.message.OffsetFetchRequestData.OffsetFetchRequestTopic;
import org.apache.kafka.common.message.OffsetFetchResponseData;
import org.apache.kafka.common.message.OffsetFetchResponseData.OffsetFetchResponsePartitions;
import org.apache.kafka.common.message.SyncGroupResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.Test;

class GroupOffsetsTest {

  @Test
  void shouldReturnCommittedOffsetWithLeaderEpochAndMetadataWhenMemberCommits() {
    GroupFixture f = new GroupFixture();
    JoinGroupResponseData a = f.stableSingleMember("g");

    assertThat(f.commit("g", a.memberId(), 1, "t", 0, 42L)).isEqualTo(Errors.NONE);

    OffsetFetchResponsePartitions fetched = f.fetch("g", "t", 0);
    assertThat(fetched.committedOffset()).isEqualTo(42L);
    assertThat(fetched.committedLeaderEpoch()).isEqualTo(3);
    assertThat(fetched.metadata()).isEqualTo("meta");
    assertThat(fetched.errorCode()).isZero();
  }

  @Test
  void shouldAnswerNoOffsetWhenNothingWasCommitted() {
    GroupFixture f = new GroupFixture();
    OffsetFetchResponsePartitions fetched = f.fetch("unknown", "t", 0);

    assertThat(fetched.committedOffset()).isEqualTo(-1L);
    assertThat(fetched.committedLeaderEpoch()).isEqualTo(-1);
    assertThat(fetched.metadata()).isEmpty();
    assertThat(fetched.errorCode()).isZero();
  }

  @Test
  void shouldAcceptSimpleCommitWhenGroupDoesNotExist() {
    GroupFixture f = new GroupFixture();

    assertThat(f.commit("simple", "", -1, "t", 1, 7L)).isEqualTo(Errors.NONE);

    assertThat(f.fetch("simple", "t", 1).committedOffset()).isEqualTo(7L);
  }

  @Test
  void shouldRejectSimpleCommitWhenGroupHasMembers() {
    GroupFixture f = new GroupFixture();
    f.stableSingleMember("g");

    assertThat(f.commit("g", "", -1, "t", 0, 1L)).isEqualTo(Errors.UNKNOWN_MEMBER_ID);
  }

  @Test
  void shouldRejectCommitFromStaleGenerationOrUnknownGroup() {
    GroupFixture f = new GroupFixture();
    JoinGroupResponseData a = f.stableSingleMember("g");

    assertThat(f.commit("g", a.memberId(), 0, "t", 0, 1L)).isEqualTo(Errors.ILLEGAL_GENERATION);
    assertThat(f.commit("nope", "m", 1, "t", 0, 1L)).isEqualTo(Errors.GROUP_ID_NOT_FOUND);
    OffsetCommitResponseData v8 =
        f.coordinator
            .commitOffsets(
                GroupFixture.context((short) 8), commitRequest("nope", "m", 1, "t", 0, 1))
            .join();
    assertThat(v8.topics().get(0).partitions().get(0).errorCode())
        .isEqualTo(Errors.ILLEGAL_GENERATION.code());
  }

  @Test
  void shouldRejectCommitWhileGroupCompletesRebalance() {
    GroupFixture f = new GroupFixture();
    JoinGroupResponseData a = f.joinNewMember("g").join();

    assertThat(f.commit("g", a.memberId(), 1, "t", 0, 1L)).isEqualTo(Errors.REBALANCE_IN_PROGRESS);
  }

  @Test
  void shouldRejectOnlyPartitionsWhoseMetadataIsTooLarge() {
    GroupFixture f = new GroupFixture();
    OffsetCommitRequestData request = commitRequest("g", "", -1, "t", 0, 5L);
    request
        .topics()
        .get(0)
        .partitions()
        .add(
            new OffsetCommitRequestPartition()
                .setPartitionIndex(1)
                .setCommittedOffset(6L)
                .setCommittedMetadata("x".repeat(4097)));

    OffsetCommitResponseData response =
        f.coordinator.commitOffsets(GroupFixture.context((short) 9), request).join();

    assertThat(response.topics().get(0).partitions())
        .extracting(p -> Errors.forCode(p.errorCode()))
        .containsExactly(Errors.NONE, Errors.OFFSET_METADATA_TOO_LARGE);
    assertThat(f.fetch("g", "t", 1).committedOffset()).isEqualTo(-1L);
  }

  @Test
  void shouldMapAppendFailuresToGroupErrorsAndKeepOffsetsUnchanged() {
    GroupFixture f = new GroupFixture();
    assertThat(f.commit("g", "", -1, "t", 0, 1L)).isEqualTo(Errors.NONE);

    f.log.failAppendsWith(new NotEnoughReplicasException("isr too small"));
    assertThat(f.commit("g", "", -1, "t", 0, 2L)).isEqualTo(Errors.COORDINATOR_NOT_AVAILABLE);
    f.log.failAppendsWith(new NotLeaderOrFollowerException("moved"));
    assertThat(f.commit("g", "", -1, "t", 0, 3L)).isEqualTo(Errors.NOT_COORDINATOR);
    f.log.failAppendsWith(new RecordTooLargeException("big"));
    assertThat(f.commit("g", "", -1, "t", 0, 4L)).isEqualTo(Errors.UNKNOWN_SERVER_ERROR);

    assertThat(f.fetch("g", "t", 0).committedOffset()).isEqualTo(1L);
  }

  @Test
  void shouldFailSyncAndRebalanceWhenAssignmentCannotBePersisted() {
    GroupFixture f = new GroupFixture();
    JoinGroupResponseData a = f.joinNewMember("g").join();
    f.log.failAppendsWith(new NotEnoughReplicasException("isr too small"));

    SyncGroupResponseData synced = f.sync("g", a.memberId(), 1, Map.of()).join();

    assertThat(synced.errorCode()).isEqualTo(Errors.COORDINATOR_NOT_AVAILABLE.code());
    assertThat(f.heartbeat("g", a.memberId(), 1)).isEqualTo(Errors.REBALANCE_IN_PROGRESS);
  }

  @Test
  void shouldRestoreOffsetsAndMembershipWhenAnotherCoordinatorLoadsTheLog() {
    GroupFixture f = new GroupFixture();
    JoinGroupResponseData a = f.joinNewMember("g").join();
    f.sync("g", a.memberId(), 1, Map.of(a.memberId(), new byte[] {9})).join();
    f.commit("g", a.memberId(), 1, "t", 0, 42L);
    f.commit("simple", "", -1, "u", 2, 5L);

    GroupFixture g = f.restarted();

    assertThat(g.fetch("g", "t", 0).committedOffset()).isEqualTo(42L);
    assertThat(g.fetch("g", "t", 0).committedLeaderEpoch()).isEqualTo(3);
    assertThat(g.fetch("simple", "u", 2).committedOffset()).isEqualTo(5L);
    assertThat(g.heartbeat("g", a.memberId(), 1)).isEqualTo(Errors.NONE);
    assertThat(g.sync("g", a.memberId(), 1, Map.of()).join().assignment()).containsExactly(9);
    // the restored member is still subject to its session timeout
    g.scheduler.advance(SESSION_MS + 1);
    assertThat(g.heartbeat("g", a.memberId(), 1)).isEqualTo(Errors.UNKNOWN_MEMBER_ID);
  }

  @Test
  void shouldShapeSingleGroupFetchForVersionsBeforeEight() {
    GroupFixture f = new GroupFixture();
    f.commit("g", "", -1, "t", 0, 11L);
    OffsetFetchRequestData request =
        new OffsetFetchRequestData()
            .setGroupId("g")
            .setTopics(
                List.of(
                    new OffsetFetchRequestTopic().setName("t").setPartitionIndexes(List.of(0))));

    OffsetFetchResponseData v1 =
        f.coordinator.fetchOffsets(GroupFixture.context((short) 1), request).join();
    OffsetFetchResponseData v7 =
        f.coordinator.fetchOffsets(GroupFixture.context((short) 7), request).join();

    assertThat(v1.groups()).isEmpty();
    assertThat(v1.topics().get(0).partitions().get(0).committedOffset()).isEqualTo(11L);
    assertThat(v1.topics().get(0).partitions().get(0).committedLeaderEpoch()).isEqualTo(-1);
    assertThat(v7.topics().get(0).partitions().get(0).committedLeaderEpoch()).isEqualTo(3);
    assertThat(v7.errorCode()).isZero();
  }

  @Test
  void shouldReportCoordinatorErrorPerPartitionInV1AndAtTopLevelLater() {
    GroupFixture f = new GroupFixture();
    f.coordinator.onResignation(f.coordinator.partitionFor("g"));
    OffsetFetchRequestData request =
        new OffsetFetchRequestData()
            .setGroupId("g")
            .setTopics(
                List.of(
                    new OffsetFetchRequestTopic().setName("t").setPartitionIndexes(List.of(0))));

    OffsetFetchResponseData v1 =
        f.coordinator.fetchOffsets(GroupFixture.context((short) 1), request).join();
    OffsetFetchResponseData v2 =
        f.coordinator.fetchOffsets(GroupFixture.context((short) 2), request).join();

    assertThat(v1.topics().get(0).partitions().get(0).errorCode())
        .isEqualTo(Errors.NOT_COORDINATOR.code());
    assertThat(v2.errorCode()).isEqualTo(Errors.NOT_COORDINATOR.code());
    assertThat(v2.topics()).isEmpty();
  }

  @Test
  void shouldReturnAllCommittedPartitionsWhenTopicsAreNull() {
    GroupFixture f = new GroupFixture();
    f.commit("g", "", -1, "t", 0, 1L);
    f.commit("g", "", -1, "u", 3, 2L);

    OffsetFetchResponseData all =
        f.coordinator
            .fetchOffsets(
                GroupFixture.context((short) 6),
                new OffsetFetchRequestData().setGroupId("g").setTopics(null))
            .join();

    assertThat(all.topics()).extracting(t -> t.name()).containsExactly("t", "u");
  }
}
