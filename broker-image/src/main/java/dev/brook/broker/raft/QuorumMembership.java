package dev.brook.broker.raft;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.AddRaftVoterRequestData;
import org.apache.kafka.common.message.AddRaftVoterResponseData;
import org.apache.kafka.common.message.DescribeQuorumResponseData;
import org.apache.kafka.common.message.DescribeQuorumResponseData.PartitionData;
import org.apache.kafka.common.message.DescribeQuorumResponseData.ReplicaState;
import org.apache.kafka.common.message.RemoveRaftVoterRequestData;
import org.apache.kafka.common.message.RemoveRaftVoterResponseData;
import org.apache.kafka.common.message.UpdateRaftVoterRequestData;
import org.apache.kafka.common.message.UpdateRaftVoterResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.ApiError;
import org.apache.kafka.common.utils.Time;
import org.apache.ratis.proto.RaftProtos.CommitInfoProto;
import org.apache.ratis.proto.RaftProtos.RoleInfoProto;
import org.apache.ratis.proto.RaftProtos.ServerRpcProto;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.SetConfigurationRequest;
import org.apache.ratis.server.RaftServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The voter set of the quorum as the active controller sees and changes it, in KIP-853's terms:
 * DescribeQuorum, AddRaftVoter and RemoveRaftVoter. Changes are Ratis reconfigurations made by
 * compare-and-set against the configuration they were decided on, one at a time (as KRaft allows);
 * Ratis first brings a new voter's log up to date, so the answer comes once the new voter set is
 * committed. Offsets are Raft log indexes, exclusive at the end as Kafka reports them (log end
 * offset and high watermark are the index after the last entry held or committed).
 *
 * <p>A voter's directory id names its incarnation as a Raft peer ({@link RatisGroups}): zero for
 * the one a quorum forms with, a new one when a voter comes back at another address.
 * UpdateRaftVoter from such a voter therefore replaces its earlier incarnation (KRaft's changes
 * only the endpoints of the same replica; Ratis keeps the address it first knew a peer by).
 * RemoveRaftVoter removes the voter of that node id whatever the directory id.
 */
public final class QuorumMembership {

  public static final String METADATA_TOPIC = "__cluster_metadata";
  private static final Logger log = LoggerFactory.getLogger(QuorumMembership.class);
  private static final long MIN_CHANGE_TIMEOUT_MS = 1_000;

  private final RatisMetadataJournal journal;
  private final String clusterId;
  private final String controllerListenerName;
  private final Time time;
  private final Map<Integer, ObserverFetch> observerFetches = new ConcurrentHashMap<>();

  private record ObserverFetch(long logEndOffset, long atMs) {}

  public QuorumMembership(
      RatisMetadataJournal journal, String clusterId, String controllerListenerName, Time time) {
    this.journal = journal;
    this.clusterId = clusterId;
    this.controllerListenerName = controllerListenerName;
    this.time = time;
  }

  /** A broker-only node fetched the entries after {@code afterOffset}. */
  public void observerFetched(int brokerId, long afterOffset) {
    observerFetches.put(brokerId, new ObserverFetch(afterOffset + 1, time.milliseconds()));
  }

  /** The quorum as this leader sees it; {@code brokers} are the registered nodes. */
  public DescribeQuorumResponseData describe(Collection<Integer> brokers) throws IOException {
    RaftServer.Division division = journal.division();
    long now = time.milliseconds();
    long highWatermark = division.getRaftLog().getLastCommittedIndex() + 1;
    Map<Integer, Long> followerLastContact = followerLastContact(division.getInfo(), now);
    Map<Integer, Long> committedBy = new java.util.HashMap<>();
    for (CommitInfoProto info : division.getCommitInfos()) {
      committedBy.put(
          RatisGroups.nodeId(
              org.apache.ratis.protocol.RaftPeerId.valueOf(info.getServer().getId())),
          info.getCommitIndex() + 1);
    }
    Collection<RaftPeer> voters = division.getRaftConf().getCurrentPeers();
    List<ReplicaState> voterStates = new ArrayList<>();
    DescribeQuorumResponseData response = new DescribeQuorumResponseData();
    for (RaftPeer peer : voters) {
      int id = RatisGroups.nodeId(peer.getId());
      ReplicaState state =
          new ReplicaState()
              .setReplicaId(id)
              .setReplicaDirectoryId(RatisGroups.directoryId(peer.getId()));
      if (id == journal.localId()) {
        state
            .setLogEndOffset(division.getRaftLog().getNextIndex())
            .setLastFetchTimestamp(-1)
            .setLastCaughtUpTimestamp(now);
      } else {
        long end = committedBy.getOrDefault(id, -1L);
        long contact = followerLastContact.getOrDefault(id, -1L);
        state
            .setLogEndOffset(end)
            .setLastFetchTimestamp(contact)
            .setLastCaughtUpTimestamp(end >= highWatermark ? contact : -1);
      }
      voterStates.add(state);
      response.nodes().add(node(localAddressOf(peer)));
    }
    List<ReplicaState> observers = new ArrayList<>();
    for (int broker : brokers) {
      if (voters.stream().anyMatch(p -> RatisGroups.nodeId(p.getId()) == broker)) {
        continue;
      }
      ObserverFetch fetch = observerFetches.get(broker);
      observers.add(
          new ReplicaState()
              .setReplicaId(broker)
              .setReplicaDirectoryId(Uuid.ZERO_UUID)
              .setLogEndOffset(fetch == null ? -1 : fetch.logEndOffset())
              .setLastFetchTimestamp(fetch == null ? -1 : fetch.atMs())
              .setLastCaughtUpTimestamp(
                  fetch != null && fetch.logEndOffset() >= highWatermark ? fetch.atMs() : -1));
    }
    PartitionData partition =
        new PartitionData()
            .setPartitionIndex(0)
            .setErrorCode(Errors.NONE.code())
            .setLeaderId(journal.localId())
            .setLeaderEpoch((int) division.getInfo().getCurrentTerm())
            .setHighWatermark(highWatermark)
            .setCurrentVoters(voterStates)
            .setObservers(observers);
    response
        .setErrorCode(Errors.NONE.code())
        .topics()
        .add(
            new DescribeQuorumResponseData.TopicData()
                .setTopicName(METADATA_TOPIC)
                .setPartitions(new ArrayList<>(List.of(partition))));
    return response;
  }

  private DescribeQuorumResponseData.Node node(RaftPeer peer) {
    DescribeQuorumResponseData.Node node =
        new DescribeQuorumResponseData.Node().setNodeId(RatisGroups.nodeId(peer.getId()));
    String address = peer.getAddress();
    int colon = address.lastIndexOf(':');
    node.listeners()
        .add(
            new DescribeQuorumResponseData.Listener()
                .setName(controllerListenerName)
                .setHost(address.substring(0, colon))
                .setPort(Integer.parseInt(address.substring(colon + 1))));
    return node;
  }

  private static Map<Integer, Long> followerLastContact(
      org.apache.ratis.server.DivisionInfo info, long now) {
    Map<Integer, Long> contact = new java.util.HashMap<>();
    RoleInfoProto role = info.getRoleInfoProto();
    if (role.hasLeaderInfo()) {
      for (ServerRpcProto follower : role.getLeaderInfo().getFollowerInfoList()) {
        contact.put(
            RatisGroups.nodeId(
                org.apache.ratis.protocol.RaftPeerId.valueOf(follower.getId().getId())),
            now - follower.getLastRpcElapsedTimeMs());
      }
    }
    return contact;
  }

  /** Adds a voter once its log caught up; refused while another change is under way. */
  public CompletableFuture<AddRaftVoterResponseData> add(AddRaftVoterRequestData request) {
    ApiError refusal = refusalOfAdd(request);
    if (refusal != null) {
      return CompletableFuture.completedFuture(QuorumResponses.addVoter(refusal));
    }
    AddRaftVoterRequestData.Listener listener = request.listeners().find(controllerListenerName);
    RaftPeer added =
        RatisGroups.peer(
            request.voterId(), request.voterDirectoryId(), listener.host(), listener.port());
    return change(
            current -> {
              List<RaftPeer> next = new ArrayList<>(current);
              next.add(added);
              return next;
            },
            request.timeoutMs(),
            "add voter " + request.voterId() + " at " + added.getAddress())
        .thenApply(QuorumResponses::addVoter);
  }

  private ApiError refusalOfAdd(AddRaftVoterRequestData request) {
    ApiError common = refusalOfChange(request.clusterId());
    if (common != null) {
      return common;
    }
    if (request.listeners().find(controllerListenerName) == null) {
      return withoutControllerListener("the new voter's");
    }
    RaftPeer existing = voter(request.voterId());
    if (existing != null) {
      return new ApiError(
          Errors.DUPLICATE_VOTER,
          "node " + request.voterId() + " is already a voter, at " + existing.getAddress());
    }
    return null;
  }

  /**
   * Puts a voter's new incarnation, at its new address, in place of its earlier one. The only voter
   * keeps its incarnation when its address changes (nobody holds a connection to the old one), so
   * its request changes nothing now and its entry takes the new address at the next change.
   */
  public CompletableFuture<UpdateRaftVoterResponseData> update(UpdateRaftVoterRequestData request) {
    ApiError refusal = refusalOfChange(request.clusterId());
    RaftPeer existing = voter(request.voterId());
    UpdateRaftVoterRequestData.Listener listener = request.listeners().find(controllerListenerName);
    if (refusal == null && existing == null) {
      refusal =
          new ApiError(Errors.VOTER_NOT_FOUND, "node " + request.voterId() + " is not a voter");
    }
    if (refusal == null && listener == null) {
      refusal = withoutControllerListener("the voter's");
    }
    if (refusal != null) {
      log.info("refused to update voter {}: {}", request.voterId(), refusal.messageWithFallback());
      return CompletableFuture.completedFuture(QuorumResponses.updateVoter(refusal));
    }
    RaftPeer updated =
        RatisGroups.peer(
            request.voterId(), request.voterDirectoryId(), listener.host(), listener.port());
    if (updated.getId().equals(existing.getId())) {
      ApiError outcome =
          updated.getAddress().equals(localAddressOf(existing).getAddress())
              ? ApiError.NONE
              : new ApiError(
                  Errors.INVALID_REQUEST,
                  "voter "
                      + existing.getId()
                      + " is at "
                      + existing.getAddress()
                      + ": a voter at a new address comes back as a new incarnation (directory"
                      + " id)");
      if (!outcome.isSuccess()) {
        log.info("refused to update voter {}: {}", request.voterId(), outcome.message());
      }
      return CompletableFuture.completedFuture(QuorumResponses.updateVoter(outcome));
    }
    return change(
            current ->
                current.stream()
                    .map(p -> p.getId().equals(existing.getId()) ? updated : p)
                    .toList(),
            30_000,
            "replace voter "
                + existing.getId()
                + " by "
                + updated.getId()
                + " at "
                + updated.getAddress())
        .thenApply(QuorumResponses::updateVoter);
  }

  /** Removes a voter; the last one stays. */
  public CompletableFuture<RemoveRaftVoterResponseData> remove(RemoveRaftVoterRequestData request) {
    ApiError refusal = refusalOfChange(request.clusterId());
    if (refusal == null && voter(request.voterId()) == null) {
      refusal =
          new ApiError(Errors.VOTER_NOT_FOUND, "node " + request.voterId() + " is not a voter");
    }
    if (refusal == null && journal.currentVoters().size() == 1) {
      refusal =
          new ApiError(
              Errors.INVALID_REQUEST, "node " + request.voterId() + " is the only voter left");
    }
    if (refusal != null) {
      return CompletableFuture.completedFuture(QuorumResponses.removeVoter(refusal));
    }
    return change(
            current ->
                current.stream()
                    .filter(p -> RatisGroups.nodeId(p.getId()) != request.voterId())
                    .toList(),
            30_000,
            "remove voter " + request.voterId())
        .thenApply(QuorumResponses::removeVoter);
  }

  private ApiError withoutControllerListener(String whose) {
    return new ApiError(
        Errors.INVALID_REQUEST,
        whose + " listeners must include the controller listener " + controllerListenerName);
  }

  private ApiError refusalOfChange(String requestClusterId) {
    if (requestClusterId != null && !requestClusterId.equals(clusterId)) {
      return new ApiError(
          Errors.INCONSISTENT_CLUSTER_ID,
          "this is cluster " + clusterId + ", not " + requestClusterId);
    }
    try {
      if (!journal.division().getRaftConf().getPreviousPeers().isEmpty()) {
        return new ApiError(
            Errors.REQUEST_TIMED_OUT, "another voter change is still being committed");
      }
    } catch (IOException e) {
      return new ApiError(Errors.NOT_CONTROLLER, "the metadata quorum is not running");
    }
    return null;
  }

  /**
   * {@code peer}, or this leader's own incarnation at the address it runs at: the entry of a voter
   * that was alone when its address changed still has the old one.
   */
  private RaftPeer localAddressOf(RaftPeer peer) {
    RaftPeer local = journal.localPeer();
    return peer.getId().equals(local.getId()) ? local : peer;
  }

  private RaftPeer voter(int id) {
    return journal.currentVoters().stream()
        .filter(p -> RatisGroups.nodeId(p.getId()) == id)
        .findFirst()
        .orElse(null);
  }

  private CompletableFuture<ApiError> change(
      java.util.function.UnaryOperator<List<RaftPeer>> edit, long timeoutMs, String what) {
    List<RaftPeer> current = List.copyOf(journal.currentVoters());
    SetConfigurationRequest.Arguments arguments =
        SetConfigurationRequest.Arguments.newBuilder()
            .setServersInCurrentConf(current)
            .setServersInNewConf(edit.apply(current).stream().map(this::localAddressOf).toList())
            .setMode(SetConfigurationRequest.Mode.COMPARE_AND_SET)
            .build();
    RaftServer server = journal.server();
    log.info("quorum reconfiguration: {}", what);
    CompletableFuture<RaftClientReply> reply;
    try {
      reply =
          server.setConfigurationAsync(
              new SetConfigurationRequest(
                  journal.clientId(),
                  server.getId(),
                  journal.group().getGroupId(),
                  journal.nextCallId(),
                  arguments));
    } catch (IOException e) {
      return CompletableFuture.completedFuture(new ApiError(Errors.NOT_CONTROLLER, e.getMessage()));
    }
    return reply
        .orTimeout(Math.max(MIN_CHANGE_TIMEOUT_MS, timeoutMs), TimeUnit.MILLISECONDS)
        .handle(
            (done, error) -> {
              if (error != null) {
                Throwable cause = error.getCause() != null ? error.getCause() : error;
                String reason =
                    cause instanceof TimeoutException
                        ? "not committed within " + timeoutMs + " ms"
                        : cause.toString();
                log.warn("quorum reconfiguration failed: {}: {}", what, reason);
                return new ApiError(Errors.REQUEST_TIMED_OUT, what + ": " + reason);
              }
              if (!done.isSuccess()) {
                log.warn("quorum reconfiguration refused: {}: {}", what, done.getException());
                Errors code =
                    done.getNotLeaderException() != null
                        ? Errors.NOT_CONTROLLER
                        : Errors.REQUEST_TIMED_OUT;
                return new ApiError(code, what + ": " + done.getException());
              }
              log.info("quorum reconfiguration committed: {}", what);
              return ApiError.NONE;
            });
  }
}
