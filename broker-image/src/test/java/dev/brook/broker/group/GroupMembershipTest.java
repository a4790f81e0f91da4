package dev.brook.broker.group;

import static dev.brook.broker.group.GroupFixture.JOIN_V;
import static dev.brook.broker.group.GroupFixture.REBALANCE_MS;
import static dev.brook.broker.group.GroupFixture.SESSION_MS;
import static dev.brook.broker.group.GroupFixture.assignment;
import static dev.brook.broker.group.GroupFixture.decodeAssignment;
import static dev.brook.broker.group.GroupFixture.joinRequest;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.message.JoinGroupResponseData;
import org.apache.kafka.common.message.JoinGroupResponseData.JoinGroupResponseMember;
import org.apache.kafka.common.message.LeaveGroupRequestData;
import org.apache.kafka.common.message.LeaveGroupRequestData.MemberIdentity;
import org.apache.kafka.common.message.LeaveGroupResponseData;
import org.apache.kafka.common.message.SyncGroupResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.Test;

class GroupMembershipTest {

  private static Errors error(short code) {
    return Errors.forCode(code);
  }

  @Test
  void shouldGiveLeaderAllMetadataAndEveryMemberItsAssignmentWhenThreeMembersJoin() {
    GroupFixture f =
        new GroupFixture(
            GroupCoordinatorConfig.defaults()
                .withOffsetsTopicPartitions(GroupFixture.PARTITIONS)
                .withInitialRebalanceDelayMs(3_000),
            new InMemoryOffsetsLog());
    List<CompletableFuture<JoinGroupResponseData>> joins =
        List.of(f.joinNewMember("g"), f.joinNewMember("g"), f.joinNewMember("g"));
    assertThat(joins).noneMatch(CompletableFuture::isDone);

    f.scheduler.advance(3_000); // members arrived during the delay: it is extended once
    assertThat(joins).noneMatch(CompletableFuture::isDone);
    f.scheduler.advance(3_000);

    List<JoinGroupResponseData> results = joins.stream().map(CompletableFuture::join).toList();
    assertThat(results).allMatch(r -> r.errorCode() == 0 && r.generationId() == 1);
    assertThat(results).allMatch(r -> "consumer".equals(r.protocolType()));
    assertThat(results).allMatch(r -> "range".equals(r.protocolName()));
    String leader = results.get(0).leader();
    assertThat(leader).isEqualTo(results.get(0).memberId());
    JoinGroupResponseData leaderResult = results.get(0);
    assertThat(leaderResult.members())
        .extracting(JoinGroupResponseMember::memberId)
        .containsExactly(
            results.get(0).memberId(), results.get(1).memberId(), results.get(2).memberId());
    assertThat(results.get(1).members()).isEmpty();
    assertThat(results.get(2).members()).isEmpty();

    CompletableFuture<SyncGroupResponseData> follower1 =
        f.sync("g", results.get(1).memberId(), 1, Map.of());
    CompletableFuture<SyncGroupResponseData> follower2 =
        f.sync("g", results.get(2).memberId(), 1, Map.of());
    assertThat(follower1).isNotDone();
    Map<String, byte[]> assignments = new HashMap<>();
    for (int m = 0; m < 3; m++) {
      assignments.put(
          results.get(m).memberId(),
          assignment(List.of(new TopicPartition("t", 2 * m), new TopicPartition("t", 2 * m + 1))));
    }
    SyncGroupResponseData leaderSync = f.sync("g", leader, 1, assignments).join();

    assertThat(error(leaderSync.errorCode())).isEqualTo(Errors.NONE);
    assertThat(decodeAssignment(leaderSync.assignment()))
        .containsExactly(new TopicPartition("t", 0), new TopicPartition("t", 1));
    assertThat(decodeAssignment(follower1.join().assignment()))
        .containsExactly(new TopicPartition("t", 2), new TopicPartition("t", 3));
    assertThat(decodeAssignment(follower2.join().assignment()))
        .containsExactly(new TopicPartition("t", 4), new TopicPartition("t", 5));
    assertThat(follower2.join().protocolName()).isEqualTo("range");
    assertThat(f.heartbeat("g", results.get(1).memberId(), 1)).isEqualTo(Errors.NONE);
  }

  @Test
  void shouldAnswerMemberIdRequiredWhenV4JoinHasNoMemberId() {
    GroupFixture f = new GroupFixture();
    JoinGroupResponseData first = f.join("g", "").join();

    assertThat(error(first.errorCode())).isEqualTo(Errors.MEMBER_ID_REQUIRED);
    assertThat(first.memberId()).startsWith("client-");
    assertThat(first.generationId()).isEqualTo(-1);

    JoinGroupResponseData second = f.join("g", first.memberId()).join();
    assertThat(error(second.errorCode())).isEqualTo(Errors.NONE);
    assertThat(second.memberId()).isEqualTo(first.memberId());
    assertThat(second.leader()).isEqualTo(first.memberId());
    assertThat(second.generationId()).isEqualTo(1);
  }

  @Test
  void shouldAssignMemberIdDirectlyWhenJoinIsOlderThanV4() {
    GroupFixture f = new GroupFixture();
    JoinGroupResponseData joined = f.join(joinRequest("g", "", null), (short) 3).join();

    assertThat(error(joined.errorCode())).isEqualTo(Errors.NONE);
    assertThat(joined.memberId()).startsWith("client-");
    assertThat(joined.protocolName()).isEqualTo("range");
  }

  @Test
  void shouldRebalanceRemainingMembersWhenMemberLeaves() {
    GroupFixture f = new GroupFixture();
    JoinGroupResponseData a = f.stableSingleMember("g");
    CompletableFuture<JoinGroupResponseData> bJoin = f.joinNewMember("g");
    assertThat(f.heartbeat("g", a.memberId(), 1)).isEqualTo(Errors.REBALANCE_IN_PROGRESS);
    JoinGroupResponseData aRejoin = f.join("g", a.memberId()).join();
    JoinGroupResponseData b = bJoin.join();
    assertThat(aRejoin.generationId()).isEqualTo(2);
    f.sync("g", a.memberId(), 2, Map.of());
    f.sync("g", b.memberId(), 2, Map.of());

    LeaveGroupResponseData left =
        f.coordinator
            .leaveGroup(
                GroupFixture.context((short) 5),
                new LeaveGroupRequestData()
                    .setGroupId("g")
                    .setMembers(List.of(new MemberIdentity().setMemberId(b.memberId()))))
            .join();

    assertThat(error(left.errorCode())).isEqualTo(Errors.NONE);
    assertThat(left.members()).singleElement().satisfies(m -> assertThat(m.errorCode()).isZero());
    assertThat(f.heartbeat("g", a.memberId(), 2)).isEqualTo(Errors.REBALANCE_IN_PROGRESS);
    JoinGroupResponseData alone = f.join("g", a.memberId()).join();
    assertThat(alone.generationId()).isEqualTo(3);
    assertThat(alone.members()).hasSize(1);
    assertThat(f.heartbeat("g", b.memberId(), 3)).isEqualTo(Errors.UNKNOWN_MEMBER_ID);
  }

  @Test
  void shouldReportMemberErrorAtTopLevelWhenLeaveIsOlderThanV3() {
    GroupFixture f = new GroupFixture();
    f.stableSingleMember("g");
    LeaveGroupResponseData left =
        f.coordinator
            .leaveGroup(
                GroupFixture.context((short) 1),
                new LeaveGroupRequestData().setGroupId("g").setMemberId("nobody"))
            .join();

    assertThat(error(left.errorCode())).isEqualTo(Errors.UNKNOWN_MEMBER_ID);
    assertThat(left.members()).isEmpty();
  }

  @Test
  void shouldRemoveMemberWhenSessionExpires() {
    GroupFixture f = new GroupFixture();
    JoinGroupResponseData a = f.stableSingleMember("g");

    f.scheduler.advance(SESSION_MS - 1);
    assertThat(f.heartbeat("g", a.memberId(), 1)).isEqualTo(Errors.NONE);
    f.scheduler.advance(SESSION_MS - 1);
    assertThat(f.heartbeat("g", a.memberId(), 1)).isEqualTo(Errors.NONE);
    f.scheduler.advance(SESSION_MS);

    assertThat(f.heartbeat("g", a.memberId(), 1)).isEqualTo(Errors.UNKNOWN_MEMBER_ID);
    assertThat(f.join("g", a.memberId()).join().errorCode())
        .isEqualTo(Errors.UNKNOWN_MEMBER_ID.code());
  }

  @Test
  void shouldRemoveMembersThatDoNotRejoinWithinRebalanceTimeout() {
    GroupFixture f = new GroupFixture();
    JoinGroupResponseData a = f.stableSingleMember("g");
    CompletableFuture<JoinGroupResponseData> bJoin = f.joinNewMember("g");

    // a keeps heartbeating but never rejoins
    for (int elapsed = 0; elapsed < REBALANCE_MS - 5_000; elapsed += 5_000) {
      f.scheduler.advance(5_000);
      assertThat(f.heartbeat("g", a.memberId(), 1)).isEqualTo(Errors.REBALANCE_IN_PROGRESS);
    }
    assertThat(bJoin).isNotDone();
    f.scheduler.advance(5_000);

    JoinGroupResponseData b = bJoin.join();
    assertThat(b.generationId()).isEqualTo(2);
    assertThat(b.leader()).isEqualTo(b.memberId());
    assertThat(b.members())
        .extracting(JoinGroupResponseMember::memberId)
        .containsExactly(b.memberId());
    assertThat(f.heartbeat("g", a.memberId(), 1)).isEqualTo(Errors.UNKNOWN_MEMBER_ID);
  }

  @Test
  void shouldRejectStaleGenerationAndUnknownMember() {
    GroupFixture f = new GroupFixture();
    JoinGroupResponseData a = f.stableSingleMember("g");

    assertThat(f.heartbeat("g", a.memberId(), 0)).isEqualTo(Errors.ILLEGAL_GENERATION);
    assertThat(f.heartbeat("g", "ghost", 1)).isEqualTo(Errors.UNKNOWN_MEMBER_ID);
    assertThat(f.sync("g", a.memberId(), 7, Map.of()).join().errorCode())
        .isEqualTo(Errors.ILLEGAL_GENERATION.code());
    assertThat(f.heartbeat("other", "ghost", 1)).isEqualTo(Errors.UNKNOWN_MEMBER_ID);
  }

  @Test
  void shouldRejectSessionTimeoutOutsideConfiguredBounds() {
    GroupFixture f = new GroupFixture();
    JoinGroupResponseData tooShort =
        f.join(joinRequest("g", "", null).setSessionTimeoutMs(5_999), JOIN_V).join();
    JoinGroupResponseData tooLong =
        f.join(joinRequest("g", "", null).setSessionTimeoutMs(1_800_001), JOIN_V).join();

    assertThat(error(tooShort.errorCode())).isEqualTo(Errors.INVALID_SESSION_TIMEOUT);
    assertThat(error(tooLong.errorCode())).isEqualTo(Errors.INVALID_SESSION_TIMEOUT);
  }

  @Test
  void shouldRejectMemberWhoseProtocolsTheGroupDoesNotSupport() {
    GroupFixture f = new GroupFixture();
    f.stableSingleMember("g");
    JoinGroupResponseData other =
        f.join(joinRequest("g", "", null).setProtocolType("connect"), JOIN_V).join();

    assertThat(error(other.errorCode())).isEqualTo(Errors.INCONSISTENT_GROUP_PROTOCOL);
  }

  @Test
  void shouldRejectNewMembersBeyondGroupMaxSize() {
    GroupFixture f =
        new GroupFixture(
            GroupCoordinatorConfig.defaults()
                .withOffsetsTopicPartitions(GroupFixture.PARTITIONS)
                .withInitialRebalanceDelayMs(0)
                .withGroupMaxSize(1),
            new InMemoryOffsetsLog());
    f.stableSingleMember("g");
    JoinGroupResponseData second = f.join("g", "").join();

    assertThat(error(second.errorCode())).isEqualTo(Errors.GROUP_MAX_SIZE_REACHED);
  }

  @Test
  void shouldKeepGenerationWhenStaticMemberRejoinsWithSameProtocols() {
    GroupFixture f = new GroupFixture();
    JoinGroupResponseData first = f.join(joinRequest("g", "", "instance-1"), JOIN_V).join();
    assertThat(error(first.errorCode())).isEqualTo(Errors.NONE);
    f.sync("g", first.memberId(), 1, Map.of(first.memberId(), new byte[] {1})).join();

    JoinGroupResponseData restarted = f.join(joinRequest("g", "", "instance-1"), JOIN_V).join();

    assertThat(error(restarted.errorCode())).isEqualTo(Errors.NONE);
    assertThat(restarted.generationId()).isEqualTo(1);
    assertThat(restarted.memberId()).isNotEqualTo(first.memberId()).startsWith("instance-1-");
    assertThat(restarted.skipAssignment()).isTrue();
    assertThat(f.heartbeat("g", restarted.memberId(), 1)).isEqualTo(Errors.NONE);
    SyncGroupResponseData synced = f.sync("g", restarted.memberId(), 1, Map.of()).join();
    assertThat(synced.assignment()).containsExactly(1);
    assertThat(
            f.coordinator
                .heartbeat(
                    GroupFixture.context((short) 4),
                    new org.apache.kafka.common.message.HeartbeatRequestData()
                        .setGroupId("g")
                        .setMemberId(first.memberId())
                        .setGroupInstanceId("instance-1")
                        .setGenerationId(1))
                .join()
                .errorCode())
        .isEqualTo(Errors.FENCED_INSTANCE_ID.code());
  }

  @Test
  void shouldPresentStaticLeaderAsFollowerWhenJoinIsOlderThanV9() {
    GroupFixture f = new GroupFixture();
    JoinGroupResponseData first = f.join(joinRequest("g", "", "instance-1"), (short) 5).join();
    f.sync("g", first.memberId(), 1, Map.of()).join();

    JoinGroupResponseData restarted = f.join(joinRequest("g", "", "instance-1"), (short) 5).join();

    assertThat(restarted.generationId()).isEqualTo(1);
    assertThat(restarted.leader()).isEqualTo(first.memberId());
    assertThat(restarted.members()).isEmpty();
    assertThat(restarted.skipAssignment()).isFalse();
  }

  @Test
  void shouldAnswerCoordinatorErrorsForPartitionsNotServedHere() {
    GroupFixture f = new GroupFixture();
    int partition = f.coordinator.partitionFor("g");
    f.coordinator.onResignation(partition);
    assertThat(f.join("g", "").join().errorCode()).isEqualTo(Errors.NOT_COORDINATOR.code());

    f.coordinator.onElection(partition);
    assertThat(f.join("g", "").join().errorCode())
        .isEqualTo(Errors.COORDINATOR_LOAD_IN_PROGRESS.code());
    f.scheduler.runDue();
    assertThat(f.join("g", "").join().errorCode()).isEqualTo(Errors.MEMBER_ID_REQUIRED.code());
  }

  @Test
  void shouldFailWaitingJoinWithNotCoordinatorWhenResigning() {
    GroupFixture f = new GroupFixture();
    JoinGroupResponseData a = f.stableSingleMember("g");
    CompletableFuture<JoinGroupResponseData> bJoin = f.joinNewMember("g");

    f.coordinator.onResignation(f.coordinator.partitionFor("g"));

    assertThat(bJoin.join().errorCode()).isEqualTo(Errors.NOT_COORDINATOR.code());
    assertThat(f.heartbeat("g", a.memberId(), 1)).isEqualTo(Errors.NOT_COORDINATOR);
  }

  @Test
  void shouldUsePartitionRuleOfKafka() {
    GroupFixture f = new GroupFixture();
    assertThat(f.coordinator.partitionFor("g"))
        .isEqualTo(
            org.apache.kafka.common.utils.Utils.abs("g".hashCode()) % GroupFixture.PARTITIONS);
  }

  @Test
  void shouldFailWaitingRequestsAndStopDeadlinesWhenClosed() {
    GroupFixture f = new GroupFixture();
    f.stableSingleMember("g");
    CompletableFuture<JoinGroupResponseData> waiting = f.joinNewMember("g");

    f.coordinator.close();

    assertThat(GroupFixture.done(waiting).errorCode()).isEqualTo(Errors.NOT_COORDINATOR.code());
    assertThat(f.scheduler.pendingTasks()).isZero();
  }

  @Test
  void shouldIgnoreElectionOfPartitionAlreadyServed() {
    GroupFixture f = new GroupFixture();
    JoinGroupResponseData a = f.stableSingleMember("g");
    CompletableFuture<JoinGroupResponseData> waiting = f.joinNewMember("g");

    f.coordinator.onElection(f.coordinator.partitionFor("g"));
    f.scheduler.runDue();

    assertThat(waiting).isNotDone();
    assertThat(f.heartbeat("g", a.memberId(), 1)).isEqualTo(Errors.REBALANCE_IN_PROGRESS);
  }
}
