package dev.brook.broker.group;

import static dev.brook.broker.group.GroupFixture.commitRequest;
import static dev.brook.broker.group.GroupFixture.context;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.kafka.common.message.DescribeGroupsRequestData;
import org.apache.kafka.common.message.JoinGroupResponseData;
import org.apache.kafka.common.message.LeaveGroupRequestData;
import org.apache.kafka.common.message.LeaveGroupRequestData.MemberIdentity;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.Test;

class GroupExpiryTest {
  private static final long RETENTION_MS = 60_000;
  private static final long CHECK_MS = 5_000;

  private static GroupFixture fixture() {
    GroupCoordinatorConfig defaults = GroupCoordinatorConfig.defaults();
    GroupCoordinatorConfig config =
        new GroupCoordinatorConfig(
            GroupFixture.PARTITIONS,
            defaults.groupMinSessionTimeoutMs(),
            defaults.groupMaxSessionTimeoutMs(),
            0,
            defaults.groupMaxSize(),
            defaults.newMemberJoinTimeoutMs(),
            defaults.offsetMetadataMaxBytes(),
            RETENTION_MS,
            CHECK_MS,
            0);
    return new GroupFixture(config, new InMemoryOffsetsLog());
  }

  private static String state(GroupFixture f, String groupId) {
    return f.coordinator
        .describeGroups(
            context((short) 5), new DescribeGroupsRequestData().setGroups(List.of(groupId)))
        .join()
        .groups()
        .get(0)
        .groupState();
  }

  @Test
  void shouldExpireOffsetsOfEmptyGroupRetentionAfterItBecameEmpty() {
    GroupFixture f = fixture();
    JoinGroupResponseData a = f.stableSingleMember("g");
    assertThat(f.commit("g", a.memberId(), 1, "t", 0, 5L)).isEqualTo(Errors.NONE);
    f.coordinator
        .leaveGroup(
            context((short) 5),
            new LeaveGroupRequestData()
                .setGroupId("g")
                .setMembers(List.of(new MemberIdentity().setMemberId(a.memberId()))))
        .join();
    assertThat(state(f, "g")).isEqualTo("Empty");

    f.scheduler.advance(RETENTION_MS - CHECK_MS);
    assertThat(f.fetch("g", "t", 0).committedOffset()).isEqualTo(5L);
    f.scheduler.advance(2 * CHECK_MS);

    assertThat(f.fetch("g", "t", 0).committedOffset()).isEqualTo(-1L);
    assertThat(state(f, "g")).isEqualTo("Dead");
    GroupFixture restarted = f.restarted();
    assertThat(restarted.fetch("g", "t", 0).committedOffset()).isEqualTo(-1L);
    assertThat(state(restarted, "g")).isEqualTo("Dead");
  }

  @Test
  void shouldNotExpireOffsetsWhileConsumerGroupHasMembers() {
    GroupFixture f = fixture();
    JoinGroupResponseData a = f.stableSingleMember("g");
    f.commit("g", a.memberId(), 1, "t", 0, 5L);

    for (long elapsed = 0; elapsed < 2 * RETENTION_MS; elapsed += CHECK_MS) {
      f.scheduler.advance(CHECK_MS);
      assertThat(f.heartbeat("g", a.memberId(), 1)).isEqualTo(Errors.NONE);
    }

    assertThat(f.fetch("g", "t", 0).committedOffset()).isEqualTo(5L);
  }

  @Test
  void shouldExpireSimpleCommitsEachRetentionAfterItsCommit() {
    GroupFixture f = fixture();
    f.commit("simple", "", -1, "t", 0, 1L);
    f.scheduler.advance(RETENTION_MS / 2);
    f.commit("simple", "", -1, "t", 1, 2L);

    f.scheduler.advance(RETENTION_MS / 2 + CHECK_MS);

    assertThat(f.fetch("simple", "t", 0).committedOffset()).isEqualTo(-1L);
    assertThat(f.fetch("simple", "t", 1).committedOffset()).isEqualTo(2L);
    assertThat(state(f, "simple")).isEqualTo("Empty");
    assertThat(f.restarted().fetch("simple", "t", 0).committedOffset()).isEqualTo(-1L);
  }

  @Test
  void shouldHonourExplicitRetentionOfOffsetCommitV2() {
    GroupFixture f = fixture();
    f.coordinator
        .commitOffsets(
            context((short) 2),
            commitRequest("simple", "", -1, "t", 0, 1L).setRetentionTimeMs(1_000))
        .join();

    f.scheduler.advance(CHECK_MS);

    assertThat(f.fetch("simple", "t", 0).committedOffset()).isEqualTo(-1L);
  }

  @Test
  void shouldDeleteEmptyGroupWithoutOffsets() {
    GroupFixture f = fixture();
    JoinGroupResponseData a = f.stableSingleMember("g");
    f.coordinator
        .leaveGroup(
            context((short) 5),
            new LeaveGroupRequestData()
                .setGroupId("g")
                .setMembers(List.of(new MemberIdentity().setMemberId(a.memberId()))))
        .join();

    f.scheduler.advance(CHECK_MS);

    assertThat(state(f, "g")).isEqualTo("Dead");
  }
}
