package dev.brook.broker.group;

import static dev.brook.broker.group.GroupFixture.JOIN_V;
import static dev.brook.broker.group.GroupFixture.REBALANCE_MS;
import static dev.brook.broker.group.GroupFixture.context;
import static dev.brook.broker.group.GroupFixture.done;
import static dev.brook.broker.group.GroupFixture.joinRequest;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.HeartbeatRequestData;
import org.apache.kafka.common.message.JoinGroupRequestData.JoinGroupRequestProtocol;
import org.apache.kafka.common.message.JoinGroupRequestData.JoinGroupRequestProtocolCollection;
import org.apache.kafka.common.message.JoinGroupResponseData;
import org.apache.kafka.common.message.LeaveGroupRequestData;
import org.apache.kafka.common.message.LeaveGroupRequestData.MemberIdentity;
import org.apache.kafka.common.message.LeaveGroupResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.Test;

class GroupStaticMemberTest {

  private static Errors staticHeartbeat(GroupFixture f, String memberId, String instance, int gen) {
    HeartbeatRequestData request =
        new HeartbeatRequestData()
            .setGroupId("g")
            .setMemberId(memberId)
            .setGroupInstanceId(instance)
            .setGenerationId(gen);
    return Errors.forCode(f.coordinator.heartbeat(context((short) 4), request).join().errorCode());
  }

  private static LeaveGroupResponseData leave(GroupFixture f, String memberId, String instance) {
    return f.coordinator
        .leaveGroup(
            context((short) 5),
            new LeaveGroupRequestData()
                .setGroupId("g")
                .setMembers(
                    List.of(
                        new MemberIdentity().setMemberId(memberId).setGroupInstanceId(instance))))
        .join();
  }

  @Test
  void shouldJoinStaticMemberWithoutMemberIdRoundTrip() {
    GroupFixture f = new GroupFixture();
    JoinGroupResponseData joined = done(f.join(joinRequest("g", "", "i-1"), JOIN_V));

    assertThat(joined.errorCode()).isZero();
    assertThat(joined.memberId()).startsWith("i-1-");
    assertThat(joined.members())
        .singleElement()
        .satisfies(m -> assertThat(m.groupInstanceId()).isEqualTo("i-1"));
  }

  @Test
  void shouldRebalanceWhenStaticMemberRejoinsDuringCompletingRebalance() {
    GroupFixture f = new GroupFixture();
    JoinGroupResponseData first = done(f.join(joinRequest("g", "", "i-1"), JOIN_V));

    JoinGroupResponseData second = done(f.join(joinRequest("g", "", "i-1"), JOIN_V));

    assertThat(second.generationId()).isEqualTo(2);
    assertThat(second.leader()).isEqualTo(second.memberId());
    assertThat(staticHeartbeat(f, first.memberId(), "i-1", 2)).isEqualTo(Errors.FENCED_INSTANCE_ID);
  }

  @Test
  void shouldRebalanceWhenStaticMemberRejoinsWithOtherProtocols() {
    GroupFixture f = new GroupFixture();
    JoinGroupResponseData first = done(f.join(joinRequest("g", "", "i-1"), JOIN_V));
    f.sync("g", first.memberId(), 1, Map.of()).join();
    JoinGroupRequestProtocolCollection protocols = new JoinGroupRequestProtocolCollection();
    protocols.add(
        new JoinGroupRequestProtocol()
            .setName("cooperative-sticky")
            .setMetadata(GroupFixture.subscription("t")));
    protocols.add(
        new JoinGroupRequestProtocol()
            .setName("range")
            .setMetadata(GroupFixture.subscription("t")));

    JoinGroupResponseData restarted =
        done(f.join(joinRequest("g", "", "i-1").setProtocols(protocols), JOIN_V));

    assertThat(restarted.generationId()).isEqualTo(2);
    assertThat(restarted.protocolName()).isEqualTo("cooperative-sticky");
  }

  @Test
  void shouldFailPendingJoinOfReplacedStaticMemberWithFencedInstanceId() {
    GroupFixture f = new GroupFixture();
    JoinGroupResponseData a = done(f.join(joinRequest("g", "", "i-1"), JOIN_V));
    f.sync("g", a.memberId(), 1, Map.of()).join();
    CompletableFuture<JoinGroupResponseData> b = f.joinNewMember("g");
    CompletableFuture<JoinGroupResponseData> aRejoin =
        f.join(joinRequest("g", a.memberId(), "i-1"), JOIN_V);
    assertThat(b).isDone(); // everybody rejoined: generation 2 completed
    assertThat(aRejoin.join().generationId()).isEqualTo(2);

    CompletableFuture<JoinGroupResponseData> replacing =
        f.join(joinRequest("g", "", "i-1"), JOIN_V);
    f.join("g", b.join().memberId());
    JoinGroupResponseData replaced = done(replacing);
    assertThat(replaced.errorCode()).isZero();
    assertThat(replaced.generationId()).isEqualTo(3);
    assertThat(done(f.join(joinRequest("g", a.memberId(), "i-1"), JOIN_V)).errorCode())
        .isEqualTo(Errors.FENCED_INSTANCE_ID.code());
  }

  @Test
  void shouldFenceLeaveThatNamesStaleMemberIdOfStaticInstance() {
    GroupFixture f = new GroupFixture();
    JoinGroupResponseData a = done(f.join(joinRequest("g", "", "i-1"), JOIN_V));

    LeaveGroupResponseData stale = leave(f, "not-" + a.memberId(), "i-1");
    LeaveGroupResponseData unknown = leave(f, "", "i-2");
    LeaveGroupResponseData byInstance = leave(f, "", "i-1");

    assertThat(stale.members().get(0).errorCode()).isEqualTo(Errors.FENCED_INSTANCE_ID.code());
    assertThat(unknown.members().get(0).errorCode()).isEqualTo(Errors.UNKNOWN_MEMBER_ID.code());
    assertThat(byInstance.members().get(0).errorCode()).isZero();
    assertThat(staticHeartbeat(f, a.memberId(), "i-1", 1)).isEqualTo(Errors.UNKNOWN_MEMBER_ID);
  }

  @Test
  void shouldRemoveMembersThatNeverSyncAndRebalanceTheRest() {
    GroupFixture f = new GroupFixture();
    JoinGroupResponseData a = f.stableSingleMember("g");
    CompletableFuture<JoinGroupResponseData> bJoin = f.joinNewMember("g");
    f.join("g", a.memberId()).join();
    JoinGroupResponseData b = bJoin.join();
    f.sync("g", a.memberId(), 2, Map.of()).join(); // leader syncs, follower b never does

    for (int elapsed = 0; elapsed < REBALANCE_MS; elapsed += 5_000) {
      f.scheduler.advance(5_000);
      f.heartbeat("g", a.memberId(), 2);
      f.heartbeat("g", b.memberId(), 2); // alive, yet it never syncs
    }

    assertThat(f.heartbeat("g", a.memberId(), 2)).isEqualTo(Errors.REBALANCE_IN_PROGRESS);
    assertThat(f.heartbeat("g", b.memberId(), 2)).isEqualTo(Errors.UNKNOWN_MEMBER_ID);
  }

  @Test
  void shouldKeepAbsentStaticMemberInNextGenerationUntilItsSessionExpires() {
    GroupFixture f = new GroupFixture();
    JoinGroupResponseData a = done(f.join(joinRequest("g", "", "i-1"), JOIN_V));
    f.sync("g", a.memberId(), 1, Map.of()).join();
    CompletableFuture<JoinGroupResponseData> bJoin = f.joinNewMember("g");

    for (int elapsed = 0; elapsed < REBALANCE_MS; elapsed += 5_000) {
      f.scheduler.advance(5_000);
      staticHeartbeat(f, a.memberId(), "i-1", 1); // alive, but it does not rejoin
    }

    JoinGroupResponseData b = done(bJoin);
    assertThat(b.generationId()).isEqualTo(2);
    assertThat(b.leader()).isEqualTo(b.memberId());
    assertThat(b.members())
        .extracting(m -> m.memberId())
        .containsExactlyInAnyOrder(a.memberId(), b.memberId());
    f.scheduler.advance(GroupFixture.SESSION_MS + 1);
    assertThat(staticHeartbeat(f, a.memberId(), "i-1", 2)).isEqualTo(Errors.UNKNOWN_MEMBER_ID);
  }

  @Test
  void shouldKeepOldMemberIdWhenReplacementCannotBePersisted() {
    GroupFixture f = new GroupFixture();
    JoinGroupResponseData a = done(f.join(joinRequest("g", "", "i-1"), JOIN_V));
    f.sync("g", a.memberId(), 1, Map.of()).join();
    f.log.failAppendsWith(new org.apache.kafka.common.errors.NotEnoughReplicasException("isr"));

    JoinGroupResponseData restarted = done(f.join(joinRequest("g", "", "i-1"), JOIN_V));

    assertThat(restarted.errorCode()).isEqualTo(Errors.COORDINATOR_NOT_AVAILABLE.code());
    assertThat(staticHeartbeat(f, a.memberId(), "i-1", 1)).isEqualTo(Errors.NONE);
  }
}
