package dev.brook.broker;

import dev.brook.broker.metadata.MetadataCache;
import dev.brook.broker.raft.QuorumAdmin;
import dev.brook.broker.raft.QuorumMembership;
import dev.brook.broker.raft.QuorumResponses;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.AddRaftVoterRequestData;
import org.apache.kafka.common.message.AddRaftVoterResponseData;
import org.apache.kafka.common.message.DescribeQuorumRequestData;
import org.apache.kafka.common.message.DescribeQuorumResponseData;
import org.apache.kafka.common.message.DescribeQuorumResponseData.PartitionData;
import org.apache.kafka.common.message.DescribeQuorumResponseData.ReplicaState;
import org.apache.kafka.common.message.RemoveRaftVoterRequestData;
import org.apache.kafka.common.message.RemoveRaftVoterResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.ApiError;
import org.apache.kafka.common.utils.Time;

/**
 * The quorum of a single-node cluster: this node is its only voter and always the leader, with the
 * local metadata log. Its voters cannot change: a single node keeps its metadata in a local log,
 * not in a Raft group others could join.
 */
final class SingleNodeQuorumAdmin implements QuorumAdmin {

  private static final String NO_QUORUM =
      "a single-node broker (empty controller.quorum.voters) keeps its metadata in a local log:"
          + " its controller quorum cannot change";

  private final int nodeId;
  private final String controllerListenerName;
  private final String host;
  private final int port;
  private final MetadataCache cache;
  private final Time time;

  SingleNodeQuorumAdmin(
      int nodeId,
      String controllerListenerName,
      String host,
      int port,
      MetadataCache cache,
      Time time) {
    this.nodeId = nodeId;
    this.controllerListenerName = controllerListenerName;
    this.host = host;
    this.port = port;
    this.cache = cache;
    this.time = time;
  }

  @Override
  public CompletableFuture<DescribeQuorumResponseData> describe(DescribeQuorumRequestData request) {
    long end = cache.image().offset() + 1;
    ReplicaState self =
        new ReplicaState()
            .setReplicaId(nodeId)
            .setReplicaDirectoryId(Uuid.ZERO_UUID)
            .setLogEndOffset(end)
            .setLastFetchTimestamp(-1)
            .setLastCaughtUpTimestamp(time.milliseconds());
    PartitionData partition =
        new PartitionData()
            .setPartitionIndex(0)
            .setErrorCode(Errors.NONE.code())
            .setLeaderId(nodeId)
            .setLeaderEpoch(0)
            .setHighWatermark(end)
            .setCurrentVoters(new ArrayList<>(List.of(self)));
    DescribeQuorumResponseData response = new DescribeQuorumResponseData();
    response
        .topics()
        .add(
            new DescribeQuorumResponseData.TopicData()
                .setTopicName(QuorumMembership.METADATA_TOPIC)
                .setPartitions(new ArrayList<>(List.of(partition))));
    DescribeQuorumResponseData.Node node = new DescribeQuorumResponseData.Node().setNodeId(nodeId);
    node.listeners()
        .add(
            new DescribeQuorumResponseData.Listener()
                .setName(controllerListenerName)
                .setHost(host)
                .setPort(port));
    response.nodes().add(node);
    return CompletableFuture.completedFuture(response);
  }

  @Override
  public CompletableFuture<AddRaftVoterResponseData> addVoter(AddRaftVoterRequestData request) {
    return CompletableFuture.completedFuture(
        QuorumResponses.addVoter(new ApiError(Errors.INVALID_REQUEST, NO_QUORUM)));
  }

  @Override
  public CompletableFuture<RemoveRaftVoterResponseData> removeVoter(
      RemoveRaftVoterRequestData request) {
    Errors error = request.voterId() == nodeId ? Errors.INVALID_REQUEST : Errors.VOTER_NOT_FOUND;
    String message =
        request.voterId() == nodeId
            ? NO_QUORUM
            : "node " + request.voterId() + " is not a voter: node " + nodeId + " is the only one";
    return CompletableFuture.completedFuture(
        QuorumResponses.removeVoter(new ApiError(error, message)));
  }
}
