package dev.brook.broker.raft;

import java.util.List;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;

/** Ratis names for the quorum: peer ids are {@code n<node.id>}, the group id comes from voters. */
public final class RatisGroups {

  private static final String PEER_PREFIX = "n";

  private RatisGroups() {}

  public static RaftGroup group(QuorumVoters voters) {
    List<RaftPeer> peers =
        voters.voters().stream()
            .map(v -> RaftPeer.newBuilder().setId(peerId(v.id())).setAddress(v.address()).build())
            .toList();
    return RaftGroup.valueOf(RaftGroupId.valueOf(voters.groupId()), peers);
  }

  static RaftPeerId peerId(int nodeId) {
    return RaftPeerId.valueOf(PEER_PREFIX + nodeId);
  }

  static int nodeId(RaftPeerId peerId) {
    return Integer.parseInt(peerId.toString().substring(PEER_PREFIX.length()));
  }
}
