package dev.brook.broker.raft;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.DescribeQuorumResponseData;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;

/**
 * Ratis names for the quorum. A Raft peer is one incarnation of a voter, KRaft's replica key (node
 * id and directory id): {@code n<node.id>} for the incarnation a quorum forms with (directory id
 * zero, so every node derives every other's peer id from {@code controller.quorum.voters}), {@code
 * n<node.id>.<directory id>} for a later one. The group id is the {@link QuorumIdentity}'s.
 */
public final class RatisGroups {

  private static final String PEER_PREFIX = "n";
  private static final char INCARNATION_SEPARATOR = '.';

  private RatisGroups() {}

  public static RaftGroup group(QuorumIdentity identity, QuorumVoters voters) {
    List<RaftPeer> peers = voters.voters().stream().map(RatisGroups::peer).toList();
    return RaftGroup.valueOf(groupId(identity), peers);
  }

  /**
   * Where a node looks for the active controller at start: the voters of the latest configuration
   * it knew (a voter's {@code quorum-state}), which still listen where it says while {@code
   * controller.quorum.voters} already names their next addresses, then the configured voters of
   * node ids that configuration lacks.
   */
  public static List<RaftPeer> bootstrapPeers(QuorumVoters configured, List<RaftPeer> lastKnown) {
    List<RaftPeer> peers = new ArrayList<>(lastKnown);
    for (QuorumVoters.Voter voter : configured.voters()) {
      if (lastKnown.stream().noneMatch(peer -> nodeId(peer.getId()) == voter.id())) {
        peers.add(peer(voter));
      }
    }
    return peers;
  }

  /** The voters a DescribeQuorum response names, as Raft peers at their controller listeners. */
  public static List<RaftPeer> voters(DescribeQuorumResponseData described) {
    List<RaftPeer> peers = new ArrayList<>();
    for (DescribeQuorumResponseData.TopicData topic : described.topics()) {
      for (DescribeQuorumResponseData.PartitionData partition : topic.partitions()) {
        for (DescribeQuorumResponseData.ReplicaState voter : partition.currentVoters()) {
          DescribeQuorumResponseData.Node node = described.nodes().find(voter.replicaId());
          if (node == null || node.listeners().isEmpty()) {
            continue;
          }
          DescribeQuorumResponseData.Listener listener = node.listeners().iterator().next();
          peers.add(
              peer(
                  voter.replicaId(), voter.replicaDirectoryId(), listener.host(), listener.port()));
        }
      }
    }
    return peers;
  }

  /** The group with no peers: what a node joining an existing quorum starts with. */
  static RaftGroup emptyGroup(QuorumIdentity identity) {
    return RaftGroup.valueOf(groupId(identity), List.of());
  }

  static RaftGroupId groupId(QuorumIdentity identity) {
    return RaftGroupId.valueOf(identity.groupId());
  }

  static RaftPeer peer(QuorumVoters.Voter voter) {
    return peer(voter.id(), Uuid.ZERO_UUID, voter.address());
  }

  static RaftPeer peer(int nodeId, Uuid directoryId, String address) {
    return RaftPeer.newBuilder().setId(peerId(nodeId, directoryId)).setAddress(address).build();
  }

  static RaftPeer peer(int nodeId, Uuid directoryId, String host, int port) {
    return peer(nodeId, directoryId, host + ":" + port);
  }

  static RaftPeerId peerId(int nodeId, Uuid directoryId) {
    String id = PEER_PREFIX + nodeId;
    return RaftPeerId.valueOf(
        directoryId.equals(Uuid.ZERO_UUID) ? id : id + INCARNATION_SEPARATOR + directoryId);
  }

  static int nodeId(RaftPeerId peerId) {
    String id = peerId.toString();
    int separator = id.indexOf(INCARNATION_SEPARATOR);
    return Integer.parseInt(
        id.substring(PEER_PREFIX.length(), separator < 0 ? id.length() : separator));
  }

  static Uuid directoryId(RaftPeerId peerId) {
    String id = peerId.toString();
    int separator = id.indexOf(INCARNATION_SEPARATOR);
    return separator < 0 ? Uuid.ZERO_UUID : Uuid.fromString(id.substring(separator + 1));
  }
}
