package dev.brook.broker.raft;

import java.util.List;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;

/**
 * Ratis names for the quorum: peer ids are {@code n<node.id>}, the group id is the {@link
 * QuorumIdentity}'s.
 */
public final class RatisGroups {

  private static final String PEER_PREFIX = "n";

  private RatisGroups() {}

  public static RaftGroup group(QuorumIdentity identity, QuorumVoters voters) {
    List<RaftPeer> peers = voters.voters().stream().map(RatisGroups::peer).toList();
    return RaftGroup.valueOf(groupId(identity), peers);
  }

  /** The group with no peers: what a node joining an existing quorum starts with. */
  static RaftGroup emptyGroup(QuorumIdentity identity) {
    return RaftGroup.valueOf(groupId(identity), List.of());
  }

  static RaftGroupId groupId(QuorumIdentity identity) {
    return RaftGroupId.valueOf(identity.groupId());
  }

  static RaftPeer peer(QuorumVoters.Voter voter) {
    return peer(voter.id(), voter.address());
  }

  static RaftPeer peer(int nodeId, String address) {
    return RaftPeer.newBuilder().setId(peerId(nodeId)).setAddress(address).build();
  }

  static RaftPeerId peerId(int nodeId) {
    return RaftPeerId.valueOf(PEER_PREFIX + nodeId);
  }

  static int nodeId(RaftPeerId peerId) {
    return Integer.parseInt(peerId.toString().substring(PEER_PREFIX.length()));
  }
}
