package dev.brook.broker.group;

import static dev.brook.broker.group.GroupFixture.context;
import static dev.brook.broker.group.GroupFixture.joinRequest;
import static org.assertj.core.api.Assertions.assertThat;

import dev.brook.broker.api.SupportedApis;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.kafka.common.message.DeleteGroupsRequestData;
import org.apache.kafka.common.message.DeleteGroupsResponseData;
import org.apache.kafka.common.message.DescribeGroupsRequestData;
import org.apache.kafka.common.message.DescribeGroupsResponseData;
import org.apache.kafka.common.message.HeartbeatRequestData;
import org.apache.kafka.common.message.HeartbeatResponseData;
import org.apache.kafka.common.message.JoinGroupRequestData;
import org.apache.kafka.common.message.JoinGroupResponseData;
import org.apache.kafka.common.message.LeaveGroupRequestData;
import org.apache.kafka.common.message.LeaveGroupRequestData.MemberIdentity;
import org.apache.kafka.common.message.LeaveGroupResponseData;
import org.apache.kafka.common.message.ListGroupsRequestData;
import org.apache.kafka.common.message.ListGroupsResponseData;
import org.apache.kafka.common.message.OffsetCommitRequestData;
import org.apache.kafka.common.message.OffsetCommitResponseData;
import org.apache.kafka.common.message.OffsetFetchRequestData;
import org.apache.kafka.common.message.OffsetFetchRequestData.OffsetFetchRequestGroup;
import org.apache.kafka.common.message.OffsetFetchRequestData.OffsetFetchRequestTopic;
import org.apache.kafka.common.message.OffsetFetchRequestData.OffsetFetchRequestTopics;
import org.apache.kafka.common.message.OffsetFetchResponseData;
import org.apache.kafka.common.message.SyncGroupRequestData;
import org.apache.kafka.common.message.SyncGroupRequestData.SyncGroupRequestAssignment;
import org.apache.kafka.common.message.SyncGroupResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every supported version of every group API, driven through requests and responses encoded at that
 * version: a response field set beyond its version would fail encoding here.
 */
class GroupApiVersionsTest {

  private static final SupportedApis SUPPORTED = new SupportedApis();

  /** Every version the broker advertises for {@code api}. */
  static Stream<Arguments> versions(ApiKeys api) {
    return IntStream.rangeClosed(SUPPORTED.oldestParsed(api), SUPPORTED.latest(api))
        .mapToObj(v -> Arguments.of((short) v));
  }

  static Stream<Arguments> joinVersions() {
    return versions(ApiKeys.JOIN_GROUP);
  }

  static Stream<Arguments> syncVersions() {
    return versions(ApiKeys.SYNC_GROUP);
  }

  static Stream<Arguments> heartbeatVersions() {
    return versions(ApiKeys.HEARTBEAT);
  }

  static Stream<Arguments> leaveVersions() {
    return versions(ApiKeys.LEAVE_GROUP);
  }

  static Stream<Arguments> commitVersions() {
    return versions(ApiKeys.OFFSET_COMMIT);
  }

  static Stream<Arguments> fetchVersions() {
    return versions(ApiKeys.OFFSET_FETCH);
  }

  static Stream<Arguments> listVersions() {
    return versions(ApiKeys.LIST_GROUPS);
  }

  static Stream<Arguments> describeVersions() {
    return versions(ApiKeys.DESCRIBE_GROUPS);
  }

  static Stream<Arguments> deleteVersions() {
    return versions(ApiKeys.DELETE_GROUPS);
  }

  private static JoinGroupResponseData join(GroupFixture f, JoinGroupRequestData request, short v) {
    JoinGroupRequestData decoded = Wire.roundTrip(request, v, JoinGroupRequestData::new);
    return Wire.roundTrip(
        completed(f.coordinator.joinGroup(context(v), decoded)), v, JoinGroupResponseData::new);
  }

  /** A one-member Stable group joined and synced at the given versions; returns the member id. */
  private static String stableGroup(GroupFixture f, short joinVersion, short syncVersion) {
    JoinGroupResponseData joined = join(f, joinRequest("g", "", null), joinVersion);
    if (joined.errorCode() == Errors.MEMBER_ID_REQUIRED.code()) {
      joined = join(f, joinRequest("g", joined.memberId(), null), joinVersion);
    }
    assertThat(Errors.forCode(joined.errorCode())).isEqualTo(Errors.NONE);
    SyncGroupResponseData synced = sync(f, joined.memberId(), joined.generationId(), syncVersion);
    assertThat(Errors.forCode(synced.errorCode())).isEqualTo(Errors.NONE);
    return joined.memberId();
  }

  private static SyncGroupResponseData sync(GroupFixture f, String memberId, int gen, short v) {
    SyncGroupRequestData request =
        new SyncGroupRequestData()
            .setGroupId("g")
            .setMemberId(memberId)
            .setGenerationId(gen)
            .setProtocolType(v >= 5 ? "consumer" : null)
            .setProtocolName(v >= 5 ? "range" : null)
            .setAssignments(
                List.of(
                    new SyncGroupRequestAssignment()
                        .setMemberId(memberId)
                        .setAssignment(new byte[] {1})));
    SyncGroupRequestData decoded = Wire.roundTrip(request, v, SyncGroupRequestData::new);
    return Wire.roundTrip(
        completed(f.coordinator.syncGroup(context(v), decoded)), v, SyncGroupResponseData::new);
  }

  @ParameterizedTest
  @MethodSource("joinVersions")
  void shouldJoinAtEveryVersion(short v) {
    GroupFixture f = new GroupFixture();
    JoinGroupResponseData first = join(f, joinRequest("g", "", null), v);
    if (v >= 4) {
      assertThat(first.errorCode()).isEqualTo(Errors.MEMBER_ID_REQUIRED.code());
      first = join(f, joinRequest("g", first.memberId(), null), v);
    }

    assertThat(first.errorCode()).isZero();
    assertThat(first.generationId()).isEqualTo(1);
    assertThat(first.protocolName()).isEqualTo("range");
    assertThat(first.protocolType()).isEqualTo(v >= 7 ? "consumer" : null);
    assertThat(first.members()).hasSize(1);
    JoinGroupResponseData failed = join(f, joinRequest("g", "ghost", null), v);
    assertThat(failed.errorCode()).isEqualTo(Errors.UNKNOWN_MEMBER_ID.code());
    assertThat(failed.protocolName()).isEqualTo(v >= 7 ? null : "");
  }

  @ParameterizedTest
  @MethodSource("syncVersions")
  void shouldSyncAtEveryVersion(short v) {
    GroupFixture f = new GroupFixture();
    String memberId = stableGroup(f, (short) 9, v);

    SyncGroupResponseData again = sync(f, memberId, 1, v);

    assertThat(again.assignment()).containsExactly(1);
    assertThat(again.protocolName()).isEqualTo(v >= 5 ? "range" : null);
  }

  @ParameterizedTest
  @MethodSource("heartbeatVersions")
  void shouldHeartbeatAtEveryVersion(short v) {
    GroupFixture f = new GroupFixture();
    String memberId = stableGroup(f, (short) 9, (short) 5);
    HeartbeatRequestData request =
        new HeartbeatRequestData().setGroupId("g").setMemberId(memberId).setGenerationId(1);

    HeartbeatResponseData response =
        f.coordinator
            .heartbeat(context(v), Wire.roundTrip(request, v, HeartbeatRequestData::new))
            .join();

    assertThat(Wire.roundTrip(response, v, HeartbeatResponseData::new).errorCode()).isZero();
  }

  @ParameterizedTest
  @MethodSource("leaveVersions")
  void shouldLeaveAtEveryVersion(short v) {
    GroupFixture f = new GroupFixture();
    String memberId = stableGroup(f, (short) 9, (short) 5);
    LeaveGroupRequestData request = new LeaveGroupRequestData().setGroupId("g");
    if (v >= 3) {
      request.setMembers(List.of(new MemberIdentity().setMemberId(memberId)));
    } else {
      request.setMemberId(memberId);
    }

    LeaveGroupResponseData response =
        Wire.roundTrip(
            f.coordinator
                .leaveGroup(context(v), Wire.roundTrip(request, v, LeaveGroupRequestData::new))
                .join(),
            v,
            LeaveGroupResponseData::new);

    assertThat(response.errorCode()).isZero();
    assertThat(response.members()).hasSize(v >= 3 ? 1 : 0);
  }

  @ParameterizedTest
  @MethodSource("leaveVersions")
  void shouldAnswerUnknownMemberPerMemberFromV3WhenGroupDoesNotExist(short v) {
    GroupFixture f = new GroupFixture();
    LeaveGroupRequestData request = new LeaveGroupRequestData().setGroupId("nope");
    if (v >= 3) {
      request.setMembers(
          List.of(
              new MemberIdentity().setMemberId("m1"),
              new MemberIdentity().setMemberId("").setGroupInstanceId("i2")));
    } else {
      request.setMemberId("m1");
    }

    LeaveGroupResponseData response =
        Wire.roundTrip(
            f.coordinator
                .leaveGroup(context(v), Wire.roundTrip(request, v, LeaveGroupRequestData::new))
                .join(),
            v,
            LeaveGroupResponseData::new);

    if (v >= 3) {
      assertThat(response.errorCode()).isZero();
      assertThat(response.members())
          .extracting(m -> m.memberId() + "/" + m.groupInstanceId() + "/" + m.errorCode())
          .containsExactly(
              "m1/null/" + Errors.UNKNOWN_MEMBER_ID.code(),
              "/i2/" + Errors.UNKNOWN_MEMBER_ID.code());
    } else {
      assertThat(response.errorCode()).isEqualTo(Errors.UNKNOWN_MEMBER_ID.code());
      assertThat(response.members()).isEmpty();
    }
  }

  @ParameterizedTest
  @MethodSource("commitVersions")
  void shouldCommitAndFetchAtEveryCommitVersion(short v) {
    GroupFixture f = new GroupFixture();
    String memberId = stableGroup(f, (short) 9, (short) 5);
    OffsetCommitRequestData request = GroupFixture.commitRequest("g", memberId, 1, "t", 0, 17L);

    OffsetCommitResponseData response =
        Wire.roundTrip(
            f.coordinator
                .commitOffsets(context(v), Wire.roundTrip(request, v, OffsetCommitRequestData::new))
                .join(),
            v,
            OffsetCommitResponseData::new);

    assertThat(response.topics().get(0).partitions().get(0).errorCode()).isZero();
    assertThat(f.fetch("g", "t", 0).committedOffset()).isEqualTo(17L);
    assertThat(f.fetch("g", "t", 0).committedLeaderEpoch()).isEqualTo(v >= 6 ? 3 : -1);
  }

  @ParameterizedTest
  @MethodSource("fetchVersions")
  void shouldFetchAtEveryVersion(short v) {
    GroupFixture f = new GroupFixture();
    f.commit("g", "", -1, "t", 0, 17L);
    OffsetFetchRequestData request = new OffsetFetchRequestData();
    if (v >= 8) {
      request.setGroups(
          List.of(
              new OffsetFetchRequestGroup()
                  .setGroupId("g")
                  .setTopics(
                      List.of(
                          new OffsetFetchRequestTopics()
                              .setName("t")
                              .setPartitionIndexes(List.of(0, 1))))));
    } else {
      request
          .setGroupId("g")
          .setTopics(
              List.of(
                  new OffsetFetchRequestTopic().setName("t").setPartitionIndexes(List.of(0, 1))));
    }

    OffsetFetchResponseData response =
        Wire.roundTrip(
            f.coordinator
                .fetchOffsets(context(v), Wire.roundTrip(request, v, OffsetFetchRequestData::new))
                .join(),
            v,
            OffsetFetchResponseData::new);

    List<Long> offsets =
        v >= 8
            ? response.groups().get(0).topics().get(0).partitions().stream()
                .map(p -> p.committedOffset())
                .toList()
            : response.topics().get(0).partitions().stream().map(p -> p.committedOffset()).toList();
    assertThat(offsets).containsExactly(17L, -1L);
  }

  @ParameterizedTest
  @MethodSource("listVersions")
  void shouldListAtEveryVersion(short v) {
    GroupFixture f = new GroupFixture();
    stableGroup(f, (short) 9, (short) 5);
    ListGroupsRequestData request = new ListGroupsRequestData();

    ListGroupsResponseData response =
        Wire.roundTrip(
            f.coordinator
                .listGroups(context(v), Wire.roundTrip(request, v, ListGroupsRequestData::new))
                .join(),
            v,
            ListGroupsResponseData::new);

    assertThat(response.groups())
        .singleElement()
        .satisfies(
            g -> {
              assertThat(g.groupId()).isEqualTo("g");
              assertThat(g.protocolType()).isEqualTo("consumer");
              assertThat(g.groupState()).isEqualTo(v >= 4 ? "Stable" : "");
              assertThat(g.groupType()).isEqualTo(v >= 5 ? "classic" : "");
            });
  }

  @ParameterizedTest
  @MethodSource("describeVersions")
  void shouldDescribeAtEveryVersion(short v) {
    GroupFixture f = new GroupFixture();
    stableGroup(f, (short) 9, (short) 5);
    DescribeGroupsRequestData request =
        new DescribeGroupsRequestData()
            .setGroups(List.of("g", "unknown"))
            .setIncludeAuthorizedOperations(v >= 3);

    DescribeGroupsResponseData response =
        Wire.roundTrip(
            f.coordinator
                .describeGroups(
                    context(v), Wire.roundTrip(request, v, DescribeGroupsRequestData::new))
                .join(),
            v,
            DescribeGroupsResponseData::new);

    assertThat(response.groups().get(0).groupState()).isEqualTo("Stable");
    assertThat(response.groups().get(0).members()).hasSize(1);
    assertThat(response.groups().get(1).errorCode())
        .isEqualTo(v >= 6 ? Errors.GROUP_ID_NOT_FOUND.code() : Errors.NONE.code());
  }

  @ParameterizedTest
  @MethodSource("deleteVersions")
  void shouldDeleteGroupsAtEveryVersion(short v) {
    GroupFixture f = new GroupFixture();
    f.commit("g", "", -1, "t", 0, 1L);
    DeleteGroupsRequestData request = new DeleteGroupsRequestData().setGroupsNames(List.of("g"));

    DeleteGroupsResponseData response =
        Wire.roundTrip(
            f.coordinator
                .deleteGroups(context(v), Wire.roundTrip(request, v, DeleteGroupsRequestData::new))
                .join(),
            v,
            DeleteGroupsResponseData::new);

    assertThat(response.results().find("g").errorCode()).isZero();
  }

  @Test
  void shouldUseSessionTimeoutAsRebalanceTimeoutWhenJoinIsV0() {
    GroupFixture f = new GroupFixture();
    String first = stableGroup(f, (short) 0, (short) 0);
    JoinGroupRequestData request =
        Wire.roundTrip(joinRequest("g", "", null), (short) 0, JoinGroupRequestData::new);
    CompletableFuture<JoinGroupResponseData> second =
        f.coordinator.joinGroup(context((short) 0), request);

    // The first member never rejoins; v0 has no rebalance timeout, so the session timeout bounds
    // the join phase instead of the 30 s a v1+ member would ask for.
    f.scheduler.advance(GroupFixture.SESSION_MS);

    JoinGroupResponseData joined = completed(second);
    assertThat(joined.generationId()).isEqualTo(2);
    assertThat(joined.leader()).isEqualTo(joined.memberId());
    assertThat(f.heartbeat("g", first, 2)).isEqualTo(Errors.UNKNOWN_MEMBER_ID);
  }

  private static <T> T completed(CompletableFuture<T> future) {
    assertThat(future).isDone();
    return future.join();
  }
}
