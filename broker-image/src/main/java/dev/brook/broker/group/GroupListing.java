package dev.brook.broker.group;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.message.DescribeGroupsRequestData;
import org.apache.kafka.common.message.DescribeGroupsResponseData;
import org.apache.kafka.common.message.DescribeGroupsResponseData.DescribedGroup;
import org.apache.kafka.common.message.DescribeGroupsResponseData.DescribedGroupMember;
import org.apache.kafka.common.message.ListGroupsRequestData;
import org.apache.kafka.common.message.ListGroupsResponseData;
import org.apache.kafka.common.message.ListGroupsResponseData.ListedGroup;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.utils.Utils;

/**
 * ListGroups v0-5 and DescribeGroups v0-6. Brook has only classic groups, whose type is "classic".
 * Member metadata and assignments are described only while the group is Stable, as in Kafka.
 */
final class GroupListing {
  static final String CLASSIC_GROUP_TYPE = "classic";

  /** Without ACLs every principal may read, describe and delete a group. */
  private static final int AUTHORIZED_OPERATIONS =
      Utils.to32BitField(
          Set.of(
              AclOperation.READ.code(), AclOperation.DESCRIBE.code(), AclOperation.DELETE.code()));

  private final GroupRegistry registry;

  GroupListing(GroupRegistry registry) {
    this.registry = registry;
  }

  CompletableFuture<ListGroupsResponseData> list(
      RequestContext context, ListGroupsRequestData request) {
    Set<String> states = lowerCase(context.apiVersion() >= 4 ? request.statesFilter() : null);
    Set<String> types = lowerCase(context.apiVersion() >= 5 ? request.typesFilter() : null);
    List<ListedGroup> listed = new ArrayList<>();
    boolean typeMatches = types.isEmpty() || types.contains(CLASSIC_GROUP_TYPE);
    for (ClassicGroup group : registry.all()) {
      if (!typeMatches || !registry.isActive(group.partition())) {
        continue;
      }
      synchronized (group) {
        String state = group.state().wireName();
        if (group.isInState(GroupState.DEAD)
            || (!states.isEmpty() && !states.contains(state.toLowerCase(Locale.ROOT)))) {
          continue;
        }
        listed.add(
            new ListedGroup()
                .setGroupId(group.groupId())
                .setProtocolType(nonNull(group.protocolType()))
                .setGroupState(state)
                .setGroupType(CLASSIC_GROUP_TYPE));
      }
    }
    Errors error = registry.anyLoading() ? Errors.COORDINATOR_LOAD_IN_PROGRESS : Errors.NONE;
    return CompletableFuture.completedFuture(
        new ListGroupsResponseData().setErrorCode(error.code()).setGroups(listed));
  }

  CompletableFuture<DescribeGroupsResponseData> describe(
      RequestContext context, DescribeGroupsRequestData request) {
    short version = context.apiVersion();
    boolean withOperations = version >= 3 && request.includeAuthorizedOperations();
    List<DescribedGroup> described = new ArrayList<>();
    for (String groupId : request.groups()) {
      DescribedGroup result = describe(version, groupId);
      if (withOperations && result.errorCode() == Errors.NONE.code()) {
        result.setAuthorizedOperations(AUTHORIZED_OPERATIONS);
      }
      described.add(result);
    }
    return CompletableFuture.completedFuture(new DescribeGroupsResponseData().setGroups(described));
  }

  private DescribedGroup describe(short version, String groupId) {
    Errors ownership = registry.ownership(groupId);
    if (ownership != Errors.NONE) {
      return emptyDescription(groupId, "").setErrorCode(ownership.code());
    }
    ClassicGroup group = registry.get(groupId);
    if (group != null) {
      synchronized (group) {
        if (!group.isInState(GroupState.DEAD)) {
          return describe(group);
        }
      }
    }
    DescribedGroup dead = emptyDescription(groupId, GroupState.DEAD.wireName());
    if (version >= 6) {
      // KIP-1043: v6 reports an unknown group as an error instead of a Dead group.
      dead.setErrorCode(Errors.GROUP_ID_NOT_FOUND.code())
          .setErrorMessage("Group " + groupId + " not found.");
    }
    return dead;
  }

  private static DescribedGroup describe(ClassicGroup group) {
    boolean stable = group.isInState(GroupState.STABLE);
    List<DescribedGroupMember> members = new ArrayList<>();
    for (ClassicMember member : group.members()) {
      byte[] metadata = stable ? member.metadata(group.protocolName()) : null;
      members.add(
          new DescribedGroupMember()
              .setMemberId(member.memberId())
              .setGroupInstanceId(member.groupInstanceId())
              .setClientId(member.clientId())
              .setClientHost(member.clientHost())
              .setMemberMetadata(metadata == null ? new byte[0] : metadata)
              .setMemberAssignment(stable ? member.assignment() : new byte[0]));
    }
    return new DescribedGroup()
        .setErrorCode(Errors.NONE.code())
        .setGroupId(group.groupId())
        .setGroupState(group.state().wireName())
        .setProtocolType(nonNull(group.protocolType()))
        .setProtocolData(stable ? nonNull(group.protocolName()) : "")
        .setMembers(members);
  }

  private static DescribedGroup emptyDescription(String groupId, String state) {
    return new DescribedGroup()
        .setGroupId(groupId)
        .setGroupState(state)
        .setProtocolType("")
        .setProtocolData("")
        .setMembers(new ArrayList<>());
  }

  private static Set<String> lowerCase(List<String> values) {
    Set<String> result = new HashSet<>();
    if (values != null) {
      values.forEach(v -> result.add(v.trim().toLowerCase(Locale.ROOT)));
    }
    return result;
  }

  private static String nonNull(String value) {
    return value == null ? "" : value;
  }
}
