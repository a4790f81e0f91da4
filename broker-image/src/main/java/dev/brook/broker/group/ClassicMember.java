package dev.brook.broker.group;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.JoinGroupResponseData;
import org.apache.kafka.common.message.SyncGroupResponseData;

/**
 * A member of a classic group. Mutable; guarded by the lock of its {@link ClassicGroup}.
 *
 * <p>A member awaits a join response from its JoinGroup until the join phase completes, and a sync
 * response from its SyncGroup until the leader's assignment is persisted.
 */
final class ClassicMember {
  private String memberId;
  private final String groupInstanceId;
  private String clientId;
  private String clientHost;
  private int rebalanceTimeoutMs;
  private int sessionTimeoutMs;
  private List<MemberProtocol> protocols;
  private byte[] assignment = new byte[0];
  private CompletableFuture<JoinGroupResponseData> awaitingJoin;
  private CompletableFuture<SyncGroupResponseData> awaitingSync;
  private short awaitingJoinVersion;
  private boolean isNew;

  ClassicMember(
      String memberId,
      String groupInstanceId,
      String clientId,
      String clientHost,
      int rebalanceTimeoutMs,
      int sessionTimeoutMs,
      List<MemberProtocol> protocols) {
    this.memberId = Objects.requireNonNull(memberId);
    this.groupInstanceId = groupInstanceId;
    this.clientId = clientId;
    this.clientHost = clientHost;
    this.rebalanceTimeoutMs = rebalanceTimeoutMs;
    this.sessionTimeoutMs = sessionTimeoutMs;
    this.protocols = List.copyOf(protocols);
  }

  String memberId() {
    return memberId;
  }

  void setMemberId(String memberId) {
    this.memberId = memberId;
  }

  String groupInstanceId() {
    return groupInstanceId;
  }

  boolean isStatic() {
    return groupInstanceId != null;
  }

  String clientId() {
    return clientId;
  }

  String clientHost() {
    return clientHost;
  }

  int rebalanceTimeoutMs() {
    return rebalanceTimeoutMs;
  }

  int sessionTimeoutMs() {
    return sessionTimeoutMs;
  }

  List<MemberProtocol> protocols() {
    return protocols;
  }

  byte[] assignment() {
    return assignment;
  }

  void setAssignment(byte[] assignment) {
    this.assignment = assignment == null ? new byte[0] : assignment;
  }

  boolean isNew() {
    return isNew;
  }

  void setNew(boolean isNew) {
    this.isNew = isNew;
  }

  /** Updates what a rejoining member declares about itself. */
  void update(
      String clientId,
      String clientHost,
      int rebalanceTimeoutMs,
      int sessionTimeoutMs,
      List<MemberProtocol> protocols) {
    this.clientId = clientId;
    this.clientHost = clientHost;
    this.rebalanceTimeoutMs = rebalanceTimeoutMs;
    this.sessionTimeoutMs = sessionTimeoutMs;
    this.protocols = List.copyOf(protocols);
  }

  /** The metadata for {@code protocolName}, or null when the member does not support it. */
  byte[] metadata(String protocolName) {
    for (MemberProtocol protocol : protocols) {
      if (protocol.name().equals(protocolName)) {
        return protocol.metadata();
      }
    }
    return null;
  }

  /** True when the member declares exactly these protocols, in this order, with this metadata. */
  boolean hasSameProtocols(List<MemberProtocol> other) {
    if (other.size() != protocols.size()) {
      return false;
    }
    for (int i = 0; i < other.size(); i++) {
      MemberProtocol mine = protocols.get(i);
      MemberProtocol theirs = other.get(i);
      if (!mine.name().equals(theirs.name())
          || !java.util.Arrays.equals(mine.metadata(), theirs.metadata())) {
        return false;
      }
    }
    return true;
  }

  boolean isAwaitingJoin() {
    return awaitingJoin != null;
  }

  short awaitingJoinVersion() {
    return awaitingJoinVersion;
  }

  void awaitJoin(CompletableFuture<JoinGroupResponseData> future, short apiVersion) {
    this.awaitingJoin = future;
    this.awaitingJoinVersion = apiVersion;
  }

  /** Completes the pending JoinGroup, if any; returns whether there was one. */
  boolean completeJoin(JoinGroupResponseData response) {
    CompletableFuture<JoinGroupResponseData> future = awaitingJoin;
    awaitingJoin = null;
    if (future == null) {
      return false;
    }
    future.complete(response);
    return true;
  }

  boolean isAwaitingSync() {
    return awaitingSync != null;
  }

  void awaitSync(CompletableFuture<SyncGroupResponseData> future) {
    this.awaitingSync = future;
  }

  /** Completes the pending SyncGroup, if any; returns whether there was one. */
  boolean completeSync(SyncGroupResponseData response) {
    CompletableFuture<SyncGroupResponseData> future = awaitingSync;
    awaitingSync = null;
    if (future == null) {
      return false;
    }
    future.complete(response);
    return true;
  }
}
