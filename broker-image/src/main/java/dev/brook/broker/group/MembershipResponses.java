package dev.brook.broker.group;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.message.JoinGroupResponseData;
import org.apache.kafka.common.message.JoinGroupResponseData.JoinGroupResponseMember;
import org.apache.kafka.common.message.SyncGroupResponseData;
import org.apache.kafka.common.protocol.Errors;

/** Builds JoinGroup and SyncGroup responses, shaped for the version each member asked with. */
final class MembershipResponses {
  private MembershipResponses() {}

  static JoinGroupResponseData joinError(short version, String memberId, Errors error) {
    JoinGroupResponseData response =
        new JoinGroupResponseData()
            .setErrorCode(error.code())
            .setGenerationId(-1)
            .setMemberId(memberId == null ? "" : memberId)
            .setLeader("")
            .setProtocolName(null);
    return shapeJoin(version, response);
  }

  /**
   * The join result of the group's current generation for {@code member}. The leader gets every
   * member's metadata for the selected protocol; others get an empty member list.
   */
  static JoinGroupResponseData joinResult(
      short version, ClassicGroup group, String memberId, boolean withMembers) {
    JoinGroupResponseData response =
        new JoinGroupResponseData()
            .setErrorCode(Errors.NONE.code())
            .setGenerationId(group.generationId())
            .setProtocolType(group.protocolType())
            .setProtocolName(group.protocolName())
            .setLeader(group.leaderId() == null ? "" : group.leaderId())
            .setMemberId(memberId)
            .setMembers(withMembers ? members(group) : new ArrayList<>());
    return shapeJoin(version, response);
  }

  static List<JoinGroupResponseMember> members(ClassicGroup group) {
    List<JoinGroupResponseMember> result = new ArrayList<>(group.size());
    for (ClassicMember member : group.members()) {
      byte[] metadata = member.metadata(group.protocolName());
      result.add(
          new JoinGroupResponseMember()
              .setMemberId(member.memberId())
              .setGroupInstanceId(member.groupInstanceId())
              .setMetadata(metadata == null ? new byte[0] : metadata));
    }
    return result;
  }

  /** Before v7 the protocol name is not nullable: Kafka sends "" when no protocol is chosen. */
  private static JoinGroupResponseData shapeJoin(short version, JoinGroupResponseData response) {
    if (version < 7 && response.protocolName() == null) {
      response.setProtocolName("");
    }
    if (version < 9) {
      response.setSkipAssignment(false);
    }
    return response;
  }

  static SyncGroupResponseData syncError(Errors error) {
    return new SyncGroupResponseData().setErrorCode(error.code()).setAssignment(new byte[0]);
  }

  static SyncGroupResponseData syncResult(ClassicGroup group, byte[] assignment) {
    return new SyncGroupResponseData()
        .setErrorCode(Errors.NONE.code())
        .setProtocolType(group.protocolType())
        .setProtocolName(group.protocolName())
        .setAssignment(assignment == null ? new byte[0] : assignment);
  }
}
