package dev.brook.broker.it.versions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.message.HeartbeatRequestData;
import org.apache.kafka.common.message.HeartbeatResponseData;
import org.apache.kafka.common.message.JoinGroupRequestData;
import org.apache.kafka.common.message.JoinGroupRequestData.JoinGroupRequestProtocol;
import org.apache.kafka.common.message.JoinGroupRequestData.JoinGroupRequestProtocolCollection;
import org.apache.kafka.common.message.JoinGroupResponseData;
import org.apache.kafka.common.message.LeaveGroupRequestData;
import org.apache.kafka.common.message.LeaveGroupRequestData.MemberIdentity;
import org.apache.kafka.common.message.LeaveGroupResponseData;
import org.apache.kafka.common.message.SyncGroupRequestData;
import org.apache.kafka.common.message.SyncGroupRequestData.SyncGroupRequestAssignment;
import org.apache.kafka.common.message.SyncGroupResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;

/**
 * One member's life in a classic consumer group (join, sync, heartbeat, leave), each request at the
 * version the probe under test names for its API and at the newest version otherwise.
 */
final class GroupFlow {

  static final String PROTOCOL_TYPE = "consumer";
  static final String PROTOCOL = "range";
  static final byte[] SUBSCRIPTION = {0, 1, 2, 3};
  static final byte[] ASSIGNMENT = {9, 8, 7};

  private final MatrixBroker broker;
  private final String groupId;
  private final Map<ApiKeys, Short> versions;
  private String memberId = "";
  private int generationId = -1;

  GroupFlow(MatrixBroker broker, String groupId, ApiKeys apiUnderTest, short version) {
    this.broker = broker;
    this.groupId = groupId;
    this.versions = Map.of(apiUnderTest, version);
  }

  String groupId() {
    return groupId;
  }

  String memberId() {
    return memberId;
  }

  int generationId() {
    return generationId;
  }

  private short version(ApiKeys apiKey) {
    return versions.getOrDefault(apiKey, MatrixBroker.newest(apiKey));
  }

  /**
   * Joins as the only member and so the leader; from v4 the first attempt is answered with
   * MEMBER_ID_REQUIRED and the member id to rejoin with, as KIP-394 has it.
   */
  JoinGroupResponseData join() throws Exception {
    short version = version(ApiKeys.JOIN_GROUP);
    JoinGroupResponseData response = broker.call(joinRequest(version), version);
    if (version >= 4) {
      assertThat(response.errorCode()).isEqualTo(Errors.MEMBER_ID_REQUIRED.code());
      assertThat(response.memberId()).isNotEmpty();
      memberId = response.memberId();
      response = broker.call(joinRequest(version), version);
    }
    return checkJoined(response, version);
  }

  private JoinGroupResponseData checkJoined(JoinGroupResponseData response, short version) {
    assertThat(response.errorCode()).isEqualTo(Errors.NONE.code());
    assertThat(response.generationId()).isPositive();
    assertThat(response.protocolName()).isEqualTo(PROTOCOL);
    if (version >= 7) {
      assertThat(response.protocolType()).isEqualTo(PROTOCOL_TYPE);
    }
    assertThat(response.leader()).isEqualTo(response.memberId());
    assertThat(response.members())
        .singleElement()
        .satisfies(
            member -> {
              assertThat(member.memberId()).isEqualTo(response.memberId());
              assertThat(member.metadata()).isEqualTo(SUBSCRIPTION);
            });
    memberId = response.memberId();
    generationId = response.generationId();
    return response;
  }

  private JoinGroupRequestData joinRequest(short version) {
    JoinGroupRequestProtocolCollection protocols = new JoinGroupRequestProtocolCollection();
    protocols.add(new JoinGroupRequestProtocol().setName(PROTOCOL).setMetadata(SUBSCRIPTION));
    JoinGroupRequestData request =
        new JoinGroupRequestData()
            .setGroupId(groupId)
            .setSessionTimeoutMs(10_000)
            .setMemberId(memberId)
            .setProtocolType(PROTOCOL_TYPE)
            .setProtocols(protocols);
    if (version >= 1) {
      request.setRebalanceTimeoutMs(10_000);
    }
    return request;
  }

  /** As the leader, hands itself {@link #ASSIGNMENT}. */
  void sync() throws Exception {
    short version = version(ApiKeys.SYNC_GROUP);
    SyncGroupRequestData request =
        new SyncGroupRequestData()
            .setGroupId(groupId)
            .setGenerationId(generationId)
            .setMemberId(memberId)
            .setAssignments(
                List.of(
                    new SyncGroupRequestAssignment()
                        .setMemberId(memberId)
                        .setAssignment(ASSIGNMENT)));
    if (version >= 5) {
      request.setProtocolType(PROTOCOL_TYPE).setProtocolName(PROTOCOL);
    }
    SyncGroupResponseData response = broker.call(request, version);
    assertThat(response.errorCode()).isEqualTo(Errors.NONE.code());
    assertThat(response.assignment()).isEqualTo(ASSIGNMENT);
    if (version >= 5) {
      assertThat(response.protocolType()).isEqualTo(PROTOCOL_TYPE);
      assertThat(response.protocolName()).isEqualTo(PROTOCOL);
    }
  }

  Errors heartbeat(int generation) throws Exception {
    short version = version(ApiKeys.HEARTBEAT);
    HeartbeatResponseData response =
        broker.call(
            new HeartbeatRequestData()
                .setGroupId(groupId)
                .setGenerationId(generation)
                .setMemberId(memberId),
            version);
    return Errors.forCode(response.errorCode());
  }

  void leave() throws Exception {
    short version = version(ApiKeys.LEAVE_GROUP);
    LeaveGroupRequestData request = new LeaveGroupRequestData().setGroupId(groupId);
    if (version <= 2) {
      request.setMemberId(memberId);
    } else {
      MemberIdentity member = new MemberIdentity().setMemberId(memberId);
      if (version >= 5) {
        member.setReason("probe done");
      }
      request.setMembers(List.of(member));
    }
    LeaveGroupResponseData response = broker.call(request, version);
    assertThat(response.errorCode()).isEqualTo(Errors.NONE.code());
    if (version >= 3) {
      assertThat(response.members())
          .singleElement()
          .satisfies(
              member -> {
                assertThat(member.memberId()).isEqualTo(memberId);
                assertThat(member.errorCode()).isEqualTo(Errors.NONE.code());
              });
    }
  }
}
