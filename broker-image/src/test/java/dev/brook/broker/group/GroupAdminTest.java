package dev.brook.broker.group;

import static dev.brook.broker.group.GroupFixture.context;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.message.DeleteGroupsRequestData;
import org.apache.kafka.common.message.DeleteGroupsResponseData;
import org.apache.kafka.common.message.DescribeGroupsRequestData;
import org.apache.kafka.common.message.DescribeGroupsResponseData.DescribedGroup;
import org.apache.kafka.common.message.JoinGroupResponseData;
import org.apache.kafka.common.message.LeaveGroupRequestData;
import org.apache.kafka.common.message.LeaveGroupRequestData.MemberIdentity;
import org.apache.kafka.common.message.ListGroupsRequestData;
import org.apache.kafka.common.message.ListGroupsResponseData;
import org.apache.kafka.common.message.ListGroupsResponseData.ListedGroup;
import org.apache.kafka.common.message.OffsetDeleteRequestData;
import org.apache.kafka.common.message.OffsetDeleteRequestData.OffsetDeleteRequestPartition;
import org.apache.kafka.common.message.OffsetDeleteRequestData.OffsetDeleteRequestTopic;
import org.apache.kafka.common.message.OffsetDeleteRequestData.OffsetDeleteRequestTopicCollection;
import org.apache.kafka.common.message.OffsetDeleteResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

class GroupAdminTest {

  private static DescribedGroup describe(GroupFixture f, short version, String groupId) {
    return f.coordinator
        .describeGroups(
            context(version),
            new DescribeGroupsRequestData()
                .setGroups(List.of(groupId))
                .setIncludeAuthorizedOperations(version >= 3))
        .join()
        .groups()
        .get(0);
  }

  private static void leave(GroupFixture f, String groupId, String memberId) {
    f.coordinator
        .leaveGroup(
            context((short) 5),
            new LeaveGroupRequestData()
                .setGroupId(groupId)
                .setMembers(List.of(new MemberIdentity().setMemberId(memberId))))
        .join();
  }

  private static Errors deleteGroup(GroupFixture f, String groupId) {
    DeleteGroupsResponseData response =
        f.coordinator
            .deleteGroups(
                context((short) 2), new DeleteGroupsRequestData().setGroupsNames(List.of(groupId)))
            .join();
    return Errors.forCode(response.results().find(groupId).errorCode());
  }

  private static OffsetDeleteResponseData deleteOffsets(
      GroupFixture f, String groupId, String... topics) {
    OffsetDeleteRequestTopicCollection collection = new OffsetDeleteRequestTopicCollection();
    for (String topic : topics) {
      collection.add(
          new OffsetDeleteRequestTopic()
              .setName(topic)
              .setPartitions(List.of(new OffsetDeleteRequestPartition().setPartitionIndex(0))));
    }
    return f.coordinator
        .deleteOffsets(
            context((short) 0),
            new OffsetDeleteRequestData().setGroupId(groupId).setTopics(collection))
        .join();
  }

  @Test
  void shouldListGroupsFilteredByStateAndType() {
    GroupFixture f = new GroupFixture();
    f.stableSingleMember("live");
    f.commit("simple", "", -1, "t", 0, 1L);

    ListGroupsResponseData all =
        f.coordinator.listGroups(context((short) 3), new ListGroupsRequestData()).join();
    ListGroupsResponseData stable =
        f.coordinator
            .listGroups(
                context((short) 4), new ListGroupsRequestData().setStatesFilter(List.of("STABLE")))
            .join();
    ListGroupsResponseData consumerType =
        f.coordinator
            .listGroups(
                context((short) 5), new ListGroupsRequestData().setTypesFilter(List.of("consumer")))
            .join();

    assertThat(all.errorCode()).isZero();
    assertThat(all.groups())
        .extracting(ListedGroup::groupId, ListedGroup::protocolType, ListedGroup::groupState)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("live", "consumer", "Stable"),
            org.assertj.core.groups.Tuple.tuple("simple", "", "Empty"));
    assertThat(all.groups()).allMatch(g -> g.groupType().equals("classic"));
    assertThat(stable.groups()).extracting(ListedGroup::groupId).containsExactly("live");
    assertThat(consumerType.groups()).isEmpty();
  }

  @Test
  void shouldDescribeStableGroupWithMetadataAssignmentAndOperations() {
    GroupFixture f = new GroupFixture();
    JoinGroupResponseData a = f.joinNewMember("g").join();
    f.sync("g", a.memberId(), 1, Map.of(a.memberId(), new byte[] {4, 2})).join();

    DescribedGroup v5 = describe(f, (short) 5, "g");
    DescribedGroup v0 = describe(f, (short) 0, "g");

    assertThat(v5.errorCode()).isZero();
    assertThat(v5.groupState()).isEqualTo("Stable");
    assertThat(v5.protocolType()).isEqualTo("consumer");
    assertThat(v5.protocolData()).isEqualTo("range");
    assertThat(v5.members())
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.memberId()).isEqualTo(a.memberId());
              assertThat(m.clientId()).isEqualTo("client");
              assertThat(m.clientHost()).isEqualTo("/127.0.0.1");
              assertThat(m.memberAssignment()).containsExactly(4, 2);
              assertThat(m.memberMetadata()).isEqualTo(GroupFixture.subscription("t"));
            });
    assertThat(Utils.from32BitField(v5.authorizedOperations()))
        .containsExactlyInAnyOrder(
            AclOperation.READ.code(), AclOperation.DESCRIBE.code(), AclOperation.DELETE.code());
    assertThat(v0.authorizedOperations()).isEqualTo(Integer.MIN_VALUE);
  }

  @Test
  void shouldDescribeRebalancingGroupWithoutMemberMetadata() {
    GroupFixture f = new GroupFixture();
    f.joinNewMember("g").join();

    DescribedGroup described = describe(f, (short) 5, "g");

    assertThat(described.groupState()).isEqualTo("CompletingRebalance");
    assertThat(described.protocolData()).isEmpty();
    assertThat(described.members())
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.memberMetadata()).isEmpty();
              assertThat(m.memberAssignment()).isEmpty();
            });
  }

  @Test
  void shouldDescribeUnknownGroupAsDeadBeforeV6AndAsNotFoundFromV6() {
    GroupFixture f = new GroupFixture();

    DescribedGroup v5 = describe(f, (short) 5, "nope");
    DescribedGroup v6 = describe(f, (short) 6, "nope");

    assertThat(v5.errorCode()).isZero();
    assertThat(v5.groupState()).isEqualTo("Dead");
    assertThat(v5.members()).isEmpty();
    assertThat(v6.errorCode()).isEqualTo(Errors.GROUP_ID_NOT_FOUND.code());
    assertThat(v6.errorMessage()).contains("nope");
  }

  @Test
  void shouldDeleteOnlyEmptyGroupsAndForgetThemDurably() {
    GroupFixture f = new GroupFixture();
    JoinGroupResponseData a = f.stableSingleMember("g");
    f.commit("g", a.memberId(), 1, "t", 0, 5L);

    assertThat(deleteGroup(f, "g")).isEqualTo(Errors.NON_EMPTY_GROUP);
    assertThat(deleteGroup(f, "nope")).isEqualTo(Errors.GROUP_ID_NOT_FOUND);
    leave(f, "g", a.memberId());
    assertThat(describe(f, (short) 5, "g").groupState()).isEqualTo("Empty");
    assertThat(deleteGroup(f, "g")).isEqualTo(Errors.NONE);

    assertThat(f.fetch("g", "t", 0).committedOffset()).isEqualTo(-1L);
    assertThat(deleteGroup(f, "g")).isEqualTo(Errors.GROUP_ID_NOT_FOUND);
    GroupFixture restarted = f.restarted();
    assertThat(restarted.fetch("g", "t", 0).committedOffset()).isEqualTo(-1L);
    assertThat(describe(restarted, (short) 5, "g").groupState()).isEqualTo("Dead");
  }

  @Test
  void shouldKeepGroupWhenDeletionCannotBeWritten() {
    GroupFixture f = new GroupFixture();
    f.commit("g", "", -1, "t", 0, 5L);
    f.log.failAppendsWith(new org.apache.kafka.common.errors.NotLeaderOrFollowerException("moved"));

    assertThat(deleteGroup(f, "g")).isEqualTo(Errors.NOT_COORDINATOR);

    assertThat(describe(f, (short) 5, "g").groupState()).isEqualTo("Empty");
    assertThat(f.fetch("g", "t", 0).committedOffset()).isEqualTo(5L);
  }

  @Test
  void shouldRefuseOffsetDeleteForTopicsAStableConsumerGroupSubscribesTo() {
    GroupFixture f = new GroupFixture();
    JoinGroupResponseData a = f.stableSingleMember("g");
    f.commit("g", a.memberId(), 1, "t", 0, 5L);
    f.commit("g", a.memberId(), 1, "old", 0, 9L);

    OffsetDeleteResponseData response = deleteOffsets(f, "g", "t", "old");

    assertThat(response.errorCode()).isZero();
    assertThat(response.topics().find("t").partitions().find(0).errorCode())
        .isEqualTo(Errors.GROUP_SUBSCRIBED_TO_TOPIC.code());
    assertThat(response.topics().find("old").partitions().find(0).errorCode()).isZero();
    assertThat(f.fetch("g", "t", 0).committedOffset()).isEqualTo(5L);
    assertThat(f.fetch("g", "old", 0).committedOffset()).isEqualTo(-1L);
    assertThat(f.restarted().fetch("g", "old", 0).committedOffset()).isEqualTo(-1L);
  }

  @Test
  void shouldAnswerUnknownTopicAndKeepOffsetsWhenDeletingOffsetsOfTopicsTheMetadataLacks() {
    java.util.Set<String> topics = new java.util.HashSet<>(java.util.Set.of("t", "gone"));
    GroupFixture f = new GroupFixture(tp -> topics.contains(tp.topic()));
    f.commit("s", "", -1, "t", 0, 5L);
    f.commit("s", "", -1, "gone", 0, 9L);
    topics.remove("gone");

    OffsetDeleteResponseData response = deleteOffsets(f, "s", "t", "gone", "never");

    assertThat(response.errorCode()).isZero();
    assertThat(response.topics().find("t").partitions().find(0).errorCode()).isZero();
    assertThat(response.topics().find("gone").partitions().find(0).errorCode())
        .isEqualTo(Errors.UNKNOWN_TOPIC_OR_PARTITION.code());
    assertThat(response.topics().find("never").partitions().find(0).errorCode())
        .isEqualTo(Errors.UNKNOWN_TOPIC_OR_PARTITION.code());
    assertThat(f.fetch("s", "t", 0).committedOffset()).isEqualTo(-1L);
    assertThat(f.fetch("s", "gone", 0).committedOffset()).isEqualTo(9L);
  }

  @Test
  void shouldAnswerGroupIdNotFoundWhenDeletingOffsetsOfUnknownGroup() {
    GroupFixture f = new GroupFixture();

    assertThat(deleteOffsets(f, "nope", "t").errorCode())
        .isEqualTo(Errors.GROUP_ID_NOT_FOUND.code());
  }

  @Test
  void shouldAlsoTombstoneCommitsInFlightWhenDeletingGroup() {
    GroupFixture f = new GroupFixture();
    f.commit("d", "", -1, "t", 0, 1L);
    f.log.holdCompletions();
    var inFlight =
        f.coordinator.commitOffsets(
            context((short) 9), GroupFixture.commitRequest("d", "", -1, "t", 1, 2L));
    var deletion =
        f.coordinator.deleteGroups(
            context((short) 2), new DeleteGroupsRequestData().setGroupsNames(List.of("d")));
    f.log.releaseHeld();

    assertThat(GroupFixture.done(inFlight).topics().get(0).partitions().get(0).errorCode())
        .isZero();
    assertThat(GroupFixture.done(deletion).results().find("d").errorCode()).isZero();
    GroupFixture restarted = f.restarted();
    assertThat(describe(restarted, (short) 5, "d").groupState()).isEqualTo("Dead");
    assertThat(restarted.fetch("d", "t", 1).committedOffset()).isEqualTo(-1L);
  }

  @Test
  void shouldAnswerDuplicatesInDeleteRequestsOnce() {
    GroupFixture f = new GroupFixture();
    f.commit("g", "", -1, "t", 0, 1L);
    f.commit("h", "", -1, "t", 0, 1L);
    OffsetDeleteRequestTopicCollection topics = new OffsetDeleteRequestTopicCollection();
    for (int i = 0; i < 2; i++) {
      topics.add(
          new OffsetDeleteRequestTopic()
              .setName("t")
              .setPartitions(
                  List.of(
                      new OffsetDeleteRequestPartition().setPartitionIndex(0),
                      new OffsetDeleteRequestPartition().setPartitionIndex(0))));
    }

    OffsetDeleteResponseData offsets =
        f.coordinator
            .deleteOffsets(
                context((short) 0), new OffsetDeleteRequestData().setGroupId("h").setTopics(topics))
            .join();
    DeleteGroupsResponseData groups =
        f.coordinator
            .deleteGroups(
                context((short) 2), new DeleteGroupsRequestData().setGroupsNames(List.of("g", "g")))
            .join();

    assertThat(offsets.topics()).hasSize(1);
    assertThat(offsets.topics().find("t").partitions()).hasSize(1);
    assertThat(f.fetch("h", "t", 0).committedOffset()).isEqualTo(-1L);
    assertThat(groups.results()).hasSize(1);
    assertThat(groups.results().find("g").errorCode()).isZero();
  }
}
