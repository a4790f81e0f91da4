package dev.brook.broker.it.versions;

import static dev.brook.broker.it.versions.MatrixBroker.NODE_ID;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.message.DeleteGroupsRequestData;
import org.apache.kafka.common.message.DeleteGroupsResponseData;
import org.apache.kafka.common.message.DescribeGroupsRequestData;
import org.apache.kafka.common.message.DescribeGroupsResponseData;
import org.apache.kafka.common.message.DescribeGroupsResponseData.DescribedGroup;
import org.apache.kafka.common.message.FindCoordinatorRequestData;
import org.apache.kafka.common.message.FindCoordinatorResponseData;
import org.apache.kafka.common.message.ListGroupsRequestData;
import org.apache.kafka.common.message.ListGroupsResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;

/** Probes for the classic group protocol's membership APIs and the group admin APIs. */
final class GroupProbes {

  private GroupProbes() {}

  static void register(Map<ApiKeys, VersionProbe> probes) {
    probes.put(ApiKeys.FIND_COORDINATOR, GroupProbes::findCoordinator);
    for (ApiKeys apiKey : List.of(ApiKeys.JOIN_GROUP, ApiKeys.SYNC_GROUP, ApiKeys.LEAVE_GROUP)) {
      probes.put(apiKey, (broker, version) -> wholeMembership(broker, version, apiKey));
    }
    probes.put(ApiKeys.HEARTBEAT, GroupProbes::heartbeat);
    probes.put(ApiKeys.DESCRIBE_GROUPS, GroupProbes::describeGroups);
    probes.put(ApiKeys.LIST_GROUPS, GroupProbes::listGroups);
    probes.put(ApiKeys.DELETE_GROUPS, GroupProbes::deleteGroups);
  }

  private static void findCoordinator(MatrixBroker broker, short version) throws Exception {
    String group = broker.uniqueName("find");
    FindCoordinatorRequestData request = new FindCoordinatorRequestData();
    if (version <= 3) {
      request.setKey(group);
    } else {
      request.setCoordinatorKeys(List.of(group));
    }
    FindCoordinatorResponseData response = broker.call(request, version);
    String expected = broker.bootstrapServers();
    if (version <= 3) {
      assertThat(response.errorCode()).isEqualTo(Errors.NONE.code());
      assertThat(response.nodeId()).isEqualTo(NODE_ID);
      assertThat(response.host() + ":" + response.port()).isEqualTo(expected);
    } else {
      assertThat(response.coordinators())
          .singleElement()
          .satisfies(
              coordinator -> {
                assertThat(coordinator.key()).isEqualTo(group);
                assertThat(coordinator.errorCode()).isEqualTo(Errors.NONE.code());
                assertThat(coordinator.nodeId()).isEqualTo(NODE_ID);
                assertThat(coordinator.host() + ":" + coordinator.port()).isEqualTo(expected);
              });
    }
  }

  /** Join, sync, describe as Stable, leave and describe as Empty, one API at the tested version. */
  private static void wholeMembership(MatrixBroker broker, short version, ApiKeys apiKey)
      throws Exception {
    GroupFlow member = new GroupFlow(broker, broker.uniqueName("members"), apiKey, version);
    member.join();
    member.sync();
    assertThat(
            describe(broker, member.groupId(), MatrixBroker.newest(ApiKeys.DESCRIBE_GROUPS))
                .groupState())
        .isEqualTo("Stable");
    member.leave();
    assertThat(
            describe(broker, member.groupId(), MatrixBroker.newest(ApiKeys.DESCRIBE_GROUPS))
                .groupState())
        .isEqualTo("Empty");
  }

  private static void heartbeat(MatrixBroker broker, short version) throws Exception {
    GroupFlow member =
        new GroupFlow(broker, broker.uniqueName("heartbeat"), ApiKeys.HEARTBEAT, version);
    member.join();
    member.sync();
    assertThat(member.heartbeat(member.generationId())).isEqualTo(Errors.NONE);
    assertThat(member.heartbeat(member.generationId() + 1)).isEqualTo(Errors.ILLEGAL_GENERATION);
    member.leave();
  }

  private static void describeGroups(MatrixBroker broker, short version) throws Exception {
    GroupFlow member =
        new GroupFlow(broker, broker.uniqueName("describe"), ApiKeys.DESCRIBE_GROUPS, version);
    member.join();
    member.sync();
    DescribedGroup group = describe(broker, member.groupId(), version);
    assertThat(group.errorCode()).isEqualTo(Errors.NONE.code());
    assertThat(group.groupState()).isEqualTo("Stable");
    assertThat(group.protocolType()).isEqualTo(GroupFlow.PROTOCOL_TYPE);
    assertThat(group.protocolData()).isEqualTo(GroupFlow.PROTOCOL);
    assertThat(group.members())
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.memberId()).isEqualTo(member.memberId());
              assertThat(m.clientId()).isEqualTo("raw-test");
              assertThat(m.memberMetadata()).isEqualTo(GroupFlow.SUBSCRIPTION);
              assertThat(m.memberAssignment()).isEqualTo(GroupFlow.ASSIGNMENT);
            });
    member.leave();
    DescribedGroup unknown = describe(broker, broker.uniqueName("no-such-group"), version);
    if (version >= 6) {
      assertThat(unknown.errorCode()).isEqualTo(Errors.GROUP_ID_NOT_FOUND.code());
    } else {
      assertThat(unknown.errorCode()).isEqualTo(Errors.NONE.code());
      assertThat(unknown.groupState()).isEqualTo("Dead");
    }
  }

  static DescribedGroup describe(MatrixBroker broker, String groupId, short version)
      throws Exception {
    DescribeGroupsResponseData response =
        broker.call(new DescribeGroupsRequestData().setGroups(List.of(groupId)), version);
    assertThat(response.groups()).hasSize(1);
    return response.groups().get(0);
  }

  private static void listGroups(MatrixBroker broker, short version) throws Exception {
    GroupFlow member =
        new GroupFlow(broker, broker.uniqueName("list"), ApiKeys.LIST_GROUPS, version);
    member.join();
    member.sync();
    ListGroupsRequestData request = new ListGroupsRequestData();
    if (version >= 4) {
      request.setStatesFilter(List.of("Stable"));
    }
    if (version >= 5) {
      request.setTypesFilter(List.of("classic"));
    }
    ListGroupsResponseData response = broker.call(request, version);
    assertThat(response.errorCode()).isEqualTo(Errors.NONE.code());
    assertThat(response.groups())
        .filteredOn(g -> g.groupId().equals(member.groupId()))
        .singleElement()
        .satisfies(
            g -> {
              assertThat(g.protocolType()).isEqualTo(GroupFlow.PROTOCOL_TYPE);
              if (version >= 4) {
                assertThat(g.groupState()).isEqualTo("Stable");
              }
              if (version >= 5) {
                assertThat(g.groupType()).isEqualTo("classic");
              }
            });
    member.leave();
    if (version >= 4) {
      ListGroupsResponseData stableOnly = broker.call(request, version);
      assertThat(stableOnly.groups()).noneMatch(g -> g.groupId().equals(member.groupId()));
    }
  }

  private static void deleteGroups(MatrixBroker broker, short version) throws Exception {
    GroupFlow member =
        new GroupFlow(broker, broker.uniqueName("delete"), ApiKeys.DELETE_GROUPS, version);
    member.join();
    member.sync();
    DeleteGroupsRequestData request =
        new DeleteGroupsRequestData().setGroupsNames(List.of(member.groupId()));
    DeleteGroupsResponseData whileActive = broker.call(request, version);
    assertThat(whileActive.results().find(member.groupId()).errorCode())
        .isEqualTo(Errors.NON_EMPTY_GROUP.code());
    member.leave();
    DeleteGroupsResponseData onceEmpty = broker.call(request, version);
    assertThat(onceEmpty.results().find(member.groupId()).errorCode())
        .isEqualTo(Errors.NONE.code());
    DeleteGroupsResponseData again = broker.call(request, version);
    assertThat(again.results().find(member.groupId()).errorCode())
        .isEqualTo(Errors.GROUP_ID_NOT_FOUND.code());
  }
}
