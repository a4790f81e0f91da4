package dev.brook.broker;

import dev.brook.broker.config.BrokerConfig;
import dev.brook.broker.config.Listener;
import dev.brook.broker.controller.ClusterController;
import dev.brook.broker.controller.ClusterControllers;
import dev.brook.broker.controller.ControllerChannel;
import dev.brook.broker.metadata.MetadataApplier;
import dev.brook.broker.metadata.MetadataCache;
import dev.brook.broker.raft.MetadataQuorum;
import dev.brook.broker.raft.QuorumVoters;
import dev.brook.broker.rpc.BrokerLifecycleManager;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node of a quorum cluster: a voter's Ratis journal replays and follows the replicated metadata
 * log and its controller acts whenever it is the quorum leader; a broker-only node fetches the
 * metadata from the active controller, and its controller only forwards what any broker may
 * receive. Either way the broker registers with the active controller and heartbeats.
 */
final class QuorumMetadata implements MetadataRole {

  private static final Logger log = LoggerFactory.getLogger(QuorumMetadata.class);
  private static final Duration LOCAL_REPLAY_TIMEOUT = Duration.ofSeconds(10);

  private final MetadataQuorum quorum;
  private final ClusterMetaProperties meta;
  private final ClusterController controller;
  private volatile BrokerLifecycleManager lifecycle;

  private QuorumMetadata(
      MetadataQuorum quorum, ClusterMetaProperties meta, ClusterController controller) {
    this.quorum = quorum;
    this.meta = meta;
    this.controller = controller;
  }

  /** Joins the quorum of {@code voters} and replays the metadata log into {@code cache}. */
  static QuorumMetadata start(
      BrokerConfig config,
      QuorumVoters voters,
      MetadataCache cache,
      ScheduledExecutorService scheduler,
      Time time)
      throws IOException, InterruptedException {
    MetadataQuorum quorum = MetadataQuorum.create(config, voters, scheduler, time);
    ClusterController controller = null;
    try {
      ClusterMetaProperties meta =
          ClusterMetaProperties.loadOrCreate(
              config.logDirs(), config.nodeId(), Optional.of(quorum.clusterId()));
      quorum.journal().start(new MetadataApplier(cache));
      quorum.startJoining();
      if (!quorum.journal().awaitReplay(LOCAL_REPLAY_TIMEOUT)) {
        log.warn("metadata replay incomplete after {}; continuing", LOCAL_REPLAY_TIMEOUT);
      }
      controller =
          ClusterControllers.forConfig(
              config, quorum.journal(), cache, quorum.journal(), Optional.of(quorum.client()));
      if (quorum.isVoter()) {
        quorum.serveController(controller, cache);
      }
      return new QuorumMetadata(quorum, meta, controller);
    } catch (IOException | InterruptedException | RuntimeException e) {
      if (controller != null) {
        controller.close();
      }
      quorum.close();
      throw e;
    }
  }

  @Override
  public String clusterId() {
    return meta.clusterId();
  }

  @Override
  public ClusterController controller() {
    return controller;
  }

  @Override
  public ControllerChannel controllerChannel() {
    return quorum.client();
  }

  @Override
  public dev.brook.broker.raft.QuorumAdmin quorumAdmin() {
    return quorum.admin();
  }

  @Override
  public int controllerId() {
    return quorum.controllerId();
  }

  @Override
  public long brokerEpoch() {
    return quorum.brokerEpoch();
  }

  @Override
  public boolean isFollowing() {
    return quorum.isFollowing();
  }

  @Override
  public boolean isVoting() {
    return quorum.isVoting();
  }

  @Override
  public void register(List<Listener> endpoints) {
    lifecycle = quorum.startLifecycle(endpoints);
  }

  @Override
  public boolean controlledShutdown(Duration timeout) {
    BrokerLifecycleManager registered = lifecycle;
    if (registered == null) {
      return true;
    }
    boolean moved = registered.controlledShutdown(timeout);
    log.info("controlled shutdown {}", moved ? "completed" : "not confirmed; stopping anyway");
    return moved;
  }

  @Override
  public void close() {
    controller.close();
    quorum.close();
  }
}
