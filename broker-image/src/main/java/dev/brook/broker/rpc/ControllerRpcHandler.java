package dev.brook.broker.rpc;

import dev.brook.broker.controller.BrokerLiveness;
import dev.brook.broker.controller.ClusterController;
import dev.brook.broker.metadata.MetadataCache;
import dev.brook.broker.metadata.image.BrokerRegistration;
import dev.brook.broker.metadata.record.MetadataRecord.RegisterBroker;
import dev.brook.broker.raft.MetadataLogTail;
import dev.brook.broker.raft.QuorumMembership;
import dev.brook.broker.rpc.ControllerRpc.Ack;
import dev.brook.broker.rpc.ControllerRpc.AddRaftVoter;
import dev.brook.broker.rpc.ControllerRpc.AllocateProducerIds;
import dev.brook.broker.rpc.ControllerRpc.AlterConfigs;
import dev.brook.broker.rpc.ControllerRpc.AlterPartition;
import dev.brook.broker.rpc.ControllerRpc.AlterPartitionReply;
import dev.brook.broker.rpc.ControllerRpc.BrokerHeartbeat;
import dev.brook.broker.rpc.ControllerRpc.BrokerUnregistered;
import dev.brook.broker.rpc.ControllerRpc.ConfigsAltered;
import dev.brook.broker.rpc.ControllerRpc.ControlledShutdown;
import dev.brook.broker.rpc.ControllerRpc.CreateTopics;
import dev.brook.broker.rpc.ControllerRpc.DescribeQuorum;
import dev.brook.broker.rpc.ControllerRpc.FetchMetadata;
import dev.brook.broker.rpc.ControllerRpc.HeartbeatReply;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.kafka.common.protocol.Errors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers controller RPCs on the quorum leader by running them on the {@link ClusterController}.
 * Refuses with {@code NOT_CONTROLLER} until this node is the active controller, so nothing is
 * decided from an image that may miss committed records.
 */
public final class ControllerRpcHandler {

  private static final Logger log = LoggerFactory.getLogger(ControllerRpcHandler.class);

  private final ClusterController controller;
  private final MetadataCache cache;
  private final BrokerLiveness liveness;
  private final MetadataLogTail tail;
  private final int localId;
  private final QuorumMembership membership;

  public ControllerRpcHandler(
      ClusterController controller,
      MetadataCache cache,
      BrokerLiveness liveness,
      MetadataLogTail tail,
      int localId,
      QuorumMembership membership) {
    this.controller = controller;
    this.cache = cache;
    this.liveness = liveness;
    this.tail = tail;
    this.localId = localId;
    this.membership = membership;
  }

  public CompletableFuture<byte[]> handle(byte[] bytes) {
    Request request = ControllerRpcSerde.decodeRequest(bytes);
    CompletableFuture<? extends Response> response =
        controller.isActive()
            ? dispatch(request)
            : CompletableFuture.completedFuture(
                ControllerRpc.failure(request, Errors.NOT_CONTROLLER));
    return response
        .<Response>thenApply(r -> r)
        .exceptionally(e -> ControllerRpc.failure(request, Errors.forException(unwrap(e))))
        .thenApply(r -> ControllerRpcSerde.encode(request, r));
  }

  private CompletableFuture<? extends Response> dispatch(Request request) {
    if (request instanceof ControllerRpc.BrokerRegistration r) {
      log.info(
          "registering broker {} epoch {} endpoints {}", r.brokerId(), r.epoch(), r.endpoints());
      return controller
          .registerBroker(new RegisterBroker(r.brokerId(), r.epoch(), r.rack(), r.endpoints()))
          .thenApply(
              ignored -> {
                liveness.registered(r.brokerId());
                return new Ack(Errors.NONE);
              });
    } else if (request instanceof BrokerHeartbeat r) {
      return heartbeat(r);
    } else if (request instanceof FetchMetadata r) {
      // The active controller has applied everything committed, so its tail is never behind a
      // previous controller's answer.
      membership.observerFetched(r.brokerId(), r.afterOffset());
      return CompletableFuture.completedFuture(tail.fetch(r.afterOffset(), localId));
    } else if (request instanceof DescribeQuorum) {
      try {
        return CompletableFuture.completedFuture(
            new QuorumDescribed(membership.describe(cache.image().brokers().keySet())));
      } catch (java.io.IOException e) {
        return CompletableFuture.failedFuture(e);
      }
    } else if (request instanceof AddRaftVoter r) {
      return membership.add(r.data()).thenApply(VoterAdded::new);
    } else if (request instanceof RemoveRaftVoter r) {
      return membership.remove(r.data()).thenApply(VoterRemoved::new);
    } else if (request instanceof UpdateRaftVoter r) {
      return membership.update(r.data()).thenApply(VoterUpdated::new);
    } else if (request instanceof ControlledShutdown r) {
      log.info("controlled shutdown of broker {} epoch {}", r.brokerId(), r.epoch());
      liveness.shuttingDown(r.brokerId(), r.epoch());
      return controller
          .fenceBroker(r.brokerId(), r.epoch())
          .thenApply(ignored -> new Ack(Errors.NONE));
    } else if (request instanceof AlterPartition r) {
      return controller.alterPartition(r.request()).thenApply(AlterPartitionReply::new);
    } else if (request instanceof AllocateProducerIds r) {
      return controller
          .allocateProducerIds(r.brokerId())
          .thenApply(first -> new ProducerIdsReply(Errors.NONE, first));
    } else if (request instanceof AlterConfigs r) {
      return controller
          .alterConfigs(r.type(), r.changes(), r.validateOnly())
          .thenApply(results -> new ConfigsAltered(Errors.NONE, results));
    } else if (request instanceof UnregisterBroker r) {
      return controller
          .unregisterBroker(r.brokerId())
          .thenApply(
              outcome -> {
                if (outcome.isSuccess()) {
                  log.info("unregistered broker {}", r.brokerId());
                  liveness.forget(r.brokerId());
                }
                return new BrokerUnregistered(outcome);
              });
    } else if (request instanceof CreateTopics r) {
      return controller
          .createTopics(r.topics(), r.validateOnly())
          .thenApply(results -> new TopicsCreated(Errors.NONE, results));
    }
    throw new IllegalArgumentException("unknown controller request " + request);
  }

  private CompletableFuture<HeartbeatReply> heartbeat(BrokerHeartbeat r) {
    BrokerRegistration registered = cache.image().brokers().get(r.brokerId());
    if (registered == null || registered.epoch() != r.epoch()) {
      return CompletableFuture.completedFuture(
          new HeartbeatReply(Errors.STALE_BROKER_EPOCH, true, false));
    }
    liveness.touch(r.brokerId());
    if (liveness.isShuttingDown(r.brokerId(), r.epoch())) {
      return CompletableFuture.completedFuture(
          new HeartbeatReply(Errors.NONE, registered.fenced(), true));
    }
    if (!registered.fenced()) {
      return CompletableFuture.completedFuture(new HeartbeatReply(Errors.NONE, false, false));
    }
    log.info("broker {} heartbeats again: unfencing it", r.brokerId());
    return controller
        .unfenceBroker(r.brokerId(), r.epoch())
        .thenApply(ignored -> new HeartbeatReply(Errors.NONE, false, false));
  }

  private static Throwable unwrap(Throwable e) {
    return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
  }
}
