package dev.brook.broker.group;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.message.JoinGroupRequestData;
import org.apache.kafka.common.message.JoinGroupRequestData.JoinGroupRequestProtocol;

/** A JoinGroup request with its version-dependent defaults resolved. */
record JoinRequest(
    short version,
    String groupId,
    String memberId,
    String groupInstanceId,
    String protocolType,
    List<MemberProtocol> protocols,
    int sessionTimeoutMs,
    int rebalanceTimeoutMs,
    String clientId,
    String clientHost,
    String reason) {

  static JoinRequest from(RequestContext context, JoinGroupRequestData request) {
    List<MemberProtocol> protocols = new ArrayList<>();
    for (JoinGroupRequestProtocol protocol : request.protocols()) {
      protocols.add(new MemberProtocol(protocol.name(), protocol.metadata()));
    }
    // v0 has no rebalance timeout: the session timeout serves as both.
    int rebalanceTimeoutMs =
        request.rebalanceTimeoutMs() < 0
            ? request.sessionTimeoutMs()
            : request.rebalanceTimeoutMs();
    return new JoinRequest(
        context.apiVersion(),
        request.groupId(),
        request.memberId() == null ? "" : request.memberId(),
        request.groupInstanceId(),
        request.protocolType(),
        protocols,
        request.sessionTimeoutMs(),
        rebalanceTimeoutMs,
        context.clientId() == null ? "" : context.clientId(),
        context.clientHost() == null ? "" : context.clientHost(),
        request.reason());
  }

  /** From v4 a dynamic member without id is sent back for one (MEMBER_ID_REQUIRED, KIP-394). */
  boolean requiresKnownMemberId() {
    return version >= 4 && groupInstanceId == null;
  }

  /** From v9 a rejoining static leader can be told to keep the existing assignment. */
  boolean supportsSkippingAssignment() {
    return version >= 9;
  }
}
