package dev.brook.broker.rpc;

import dev.brook.broker.controller.AlterPartitionRequest;
import dev.brook.broker.controller.AlterPartitionResult;
import dev.brook.broker.controller.ConfigChange;
import dev.brook.broker.controller.ControllerChannel;
import dev.brook.broker.controller.TopicCreationResult;
import dev.brook.broker.raft.ObserverMetadataJournal;
import dev.brook.broker.raft.QuorumAdmin;
import dev.brook.broker.raft.QuorumIdentity;
import dev.brook.broker.raft.QuorumResponses;
import dev.brook.broker.raft.RatisSettings;
import dev.brook.broker.rpc.ControllerRpc.AddRaftVoter;
import dev.brook.broker.rpc.ControllerRpc.AllocateProducerIds;
import dev.brook.broker.rpc.ControllerRpc.AlterConfigs;
import dev.brook.broker.rpc.ControllerRpc.AlterPartition;
import dev.brook.broker.rpc.ControllerRpc.AlterPartitionReply;
import dev.brook.broker.rpc.ControllerRpc.BrokerUnregistered;
import dev.brook.broker.rpc.ControllerRpc.ConfigsAltered;
import dev.brook.broker.rpc.ControllerRpc.CreateTopics;
import dev.brook.broker.rpc.ControllerRpc.DescribeQuorum;
import dev.brook.broker.rpc.ControllerRpc.FetchMetadata;
import dev.brook.broker.rpc.ControllerRpc.MetadataFetched;
import dev.brook.broker.rpc.ControllerRpc.ProducerIdsReply;
import dev.brook.broker.rpc.ControllerRpc.QuorumDescribed;
import dev.brook.broker.rpc.ControllerRpc.RemoveRaftVoter;
import dev.brook.broker.rpc.ControllerRpc.Request;
import dev.brook.broker.rpc.ControllerRpc.Response;
import dev.brook.broker.rpc.ControllerRpc.TopicsCreated;
import dev.brook.broker.rpc.ControllerRpc.UnregisterBroker;
import dev.brook.broker.rpc.ControllerRpc.UpdateRaftVoter;
import dev.brook.broker.rpc.ControllerRpc.VoterAdded;
import dev.brook.broker.rpc.ControllerRpc.VoterRemoved;
import dev.brook.broker.rpc.ControllerRpc.VoterUpdated;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.message.AddRaftVoterRequestData;
import org.apache.kafka.common.message.AddRaftVoterResponseData;
import org.apache.kafka.common.message.CreateTopicsRequestData.CreatableTopic;
import org.apache.kafka.common.message.DescribeQuorumRequestData;
import org.apache.kafka.common.message.DescribeQuorumResponseData;
import org.apache.kafka.common.message.RemoveRaftVoterRequestData;
import org.apache.kafka.common.message.RemoveRaftVoterResponseData;
import org.apache.kafka.common.message.UpdateRaftVoterRequestData;
import org.apache.kafka.common.message.UpdateRaftVoterResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.ApiError;
import org.apache.kafka.common.utils.Time;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.util.TimeDuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A broker's channel to the active controller over the quorum's Ratis client protocol: each request
 * is a read-only message, which Ratis routes to the leader's state machine (the metadata state
 * machine's {@code query}). A request answered {@code NOT_CONTROLLER} (leader not ready yet, or
 * just deposed) or lost to a leader change is retried until {@code requestTimeoutMs} has passed;
 * then the future fails with a Kafka {@link TimeoutException}.
 */
public final class RatisControllerClient implements ControllerChannel, QuorumAdmin, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(RatisControllerClient.class);
  private static final long RETRY_BACKOFF_MS = 100;

  private final RaftGroupId groupId;
  private final RatisSettings settings;
  private final ScheduledExecutorService scheduler;
  private final Time time;
  private final long requestTimeoutMs;
  private volatile RaftClient client;
  private Set<String> peers;

  /**
   * @param peers where to look for the active controller first; {@link #usePeers} follows the voter
   *     set as it changes
   */
  public RatisControllerClient(
      QuorumIdentity identity,
      Collection<RaftPeer> peers,
      RatisSettings settings,
      ScheduledExecutorService scheduler,
      Time time,
      long requestTimeoutMs) {
    this.groupId = RaftGroupId.valueOf(identity.groupId());
    this.settings = settings;
    this.scheduler = scheduler;
    this.time = time;
    this.requestTimeoutMs = requestTimeoutMs;
    this.peers = names(peers);
    this.client = newClient(peers);
  }

  private RaftClient newClient(Collection<RaftPeer> peers) {
    return RaftClient.newBuilder()
        .setClientId(ClientId.randomId())
        .setRaftGroup(RaftGroup.valueOf(groupId, List.copyOf(peers)))
        .setProperties(settings.clientProperties())
        .setRetryPolicy(
            RetryPolicies.retryUpToMaximumCountWithFixedSleep(
                3, TimeDuration.valueOf(RETRY_BACKOFF_MS, TimeUnit.MILLISECONDS)))
        .build();
  }

  /**
   * Sends later requests to {@code voters} (the voter set as the active controller last described
   * it). A Ratis client keeps the address it first knew a peer by and learns other peers only from
   * a server that is not the leader, so once every voter it knows has moved it would find no
   * controller. The replaced client closes once requests sent through it have had their time.
   */
  public synchronized void usePeers(Collection<RaftPeer> voters) {
    Set<String> names = names(voters);
    if (voters.isEmpty() || names.equals(peers)) {
      return;
    }
    log.info("controller client now looks for the active controller among {}", names);
    RaftClient previous = client;
    client = newClient(voters);
    peers = names;
    scheduler.schedule(() -> closeQuietly(previous), requestTimeoutMs, TimeUnit.MILLISECONDS);
  }

  /** Peers as {@code peerId@address}, sorted: what tells two voter sets apart. */
  static Set<String> names(Collection<RaftPeer> peers) {
    Set<String> names = new TreeSet<>();
    peers.forEach(peer -> names.add(peer.getId() + "@" + peer.getAddress()));
    return names;
  }

  @Override
  public CompletableFuture<AlterPartitionResult> alterPartition(AlterPartitionRequest request) {
    return call(new AlterPartition(request)).thenApply(r -> ((AlterPartitionReply) r).result());
  }

  @Override
  public CompletableFuture<Long> allocateProducerIds(int brokerId) {
    return call(new AllocateProducerIds(brokerId))
        .thenApply(r -> succeeded(r, ProducerIdsReply.class).firstProducerId());
  }

  @Override
  public CompletableFuture<List<TopicCreationResult>> createTopics(
      List<CreatableTopic> topics, boolean validateOnly) {
    return call(new CreateTopics(topics, validateOnly))
        .thenApply(r -> succeeded(r, TopicsCreated.class).results());
  }

  @Override
  public CompletableFuture<ApiError> unregisterBroker(int brokerId) {
    return call(new UnregisterBroker(brokerId)).thenApply(r -> ((BrokerUnregistered) r).outcome());
  }

  @Override
  public CompletableFuture<Map<String, ApiError>> alterConfigs(
      ConfigResource.Type type, Map<String, List<ConfigChange>> changes, boolean validateOnly) {
    return call(new AlterConfigs(type, changes, validateOnly))
        .thenApply(r -> succeeded(r, ConfigsAltered.class).results());
  }

  @Override
  public CompletableFuture<DescribeQuorumResponseData> describe(DescribeQuorumRequestData request) {
    return call(new DescribeQuorum(request))
        .handle(
            (r, e) ->
                e == null ? ((QuorumDescribed) r).data() : QuorumResponses.describe(failure(e)));
  }

  @Override
  public CompletableFuture<AddRaftVoterResponseData> addVoter(AddRaftVoterRequestData request) {
    return call(new AddRaftVoter(request))
        .handle(
            (r, e) -> e == null ? ((VoterAdded) r).data() : QuorumResponses.addVoter(failure(e)));
  }

  @Override
  public CompletableFuture<RemoveRaftVoterResponseData> removeVoter(
      RemoveRaftVoterRequestData request) {
    return call(new RemoveRaftVoter(request))
        .handle(
            (r, e) ->
                e == null ? ((VoterRemoved) r).data() : QuorumResponses.removeVoter(failure(e)));
  }

  /** A voter back at another address asks to replace its earlier incarnation. */
  public CompletableFuture<UpdateRaftVoterResponseData> updateVoter(
      UpdateRaftVoterRequestData request) {
    return call(new UpdateRaftVoter(request))
        .handle(
            (r, e) ->
                e == null ? ((VoterUpdated) r).data() : QuorumResponses.updateVoter(failure(e)));
  }

  /** The committed metadata after {@code afterOffset} (see {@link ObserverMetadataJournal}). */
  public CompletableFuture<MetadataFetched> fetchMetadata(int brokerId, long afterOffset) {
    return call(new FetchMetadata(brokerId, afterOffset))
        .thenApply(r -> succeeded(r, MetadataFetched.class));
  }

  /**
   * Sends {@code request} to the active controller; completes with its response (whose error may be
   * other than NONE), retrying NOT_CONTROLLER and transport failures until the deadline.
   */
  public CompletableFuture<Response> call(Request request) {
    CompletableFuture<Response> result = new CompletableFuture<>();
    attempt(request, time.milliseconds() + requestTimeoutMs, result);
    return result;
  }

  private void attempt(Request request, long deadlineMs, CompletableFuture<Response> result) {
    Message message = Message.valueOf(ByteString.copyFrom(ControllerRpcSerde.encode(request)));
    client
        .async()
        .sendReadOnlyUnordered(message)
        .whenComplete(
            (reply, error) -> {
              Response response = error == null ? decode(reply) : null;
              if (response != null && response.error() != Errors.NOT_CONTROLLER) {
                result.complete(response);
              } else if (time.milliseconds() + RETRY_BACKOFF_MS >= deadlineMs) {
                result.completeExceptionally(
                    new TimeoutException(
                        "no active controller answered "
                            + request.getClass().getSimpleName()
                            + " within "
                            + requestTimeoutMs
                            + " ms",
                        error));
              } else {
                log.debug("retrying {} after {}", request, error != null ? error : response);
                scheduler.schedule(
                    () -> attempt(request, deadlineMs, result),
                    RETRY_BACKOFF_MS,
                    TimeUnit.MILLISECONDS);
              }
            });
  }

  private static Response decode(RaftClientReply reply) {
    if (!reply.isSuccess() || reply.getMessage() == null) {
      return null;
    }
    return ControllerRpcSerde.decodeResponse(reply.getMessage().getContent().toByteArray());
  }

  /** The outcome a quorum request that no controller answered comes back with. */
  private static ApiError failure(Throwable e) {
    return new ApiError(Errors.forException(e), e.getMessage());
  }

  private static <R extends Response> R succeeded(Response response, Class<R> type) {
    if (response.error() != Errors.NONE) {
      throw response.error().exception();
    }
    return type.cast(response);
  }

  @Override
  public void close() {
    closeQuietly(client);
  }

  private static void closeQuietly(RaftClient raftClient) {
    try {
      raftClient.close();
    } catch (IOException e) {
      log.warn("error while closing the controller client", e);
    }
  }
}
