package dev.brook.broker.metadata.quorum;

import dev.brook.broker.config.BrokerConfig;
import dev.brook.broker.config.BrokerConfigDef;
import dev.brook.broker.config.Listener;
import dev.brook.broker.metadata.ClusterController;
import dev.brook.broker.metadata.MetadataCache;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.utils.Time;

/**
 * The parts of a node in a multi-node cluster (combined broker and controller roles): the Ratis
 * metadata journal, the client channel to the active controller, and, once the controller exists,
 * its RPC handler and the broker liveness monitor. Closed in reverse order of creation.
 */
public final class MetadataQuorum implements AutoCloseable {

  /** Where the Raft log and snapshots live under the first log directory (LogManager skips it). */
  public static final String STORAGE_DIR_NAME = "__cluster_metadata-0";

  private final BrokerConfig config;
  private final QuorumVoters voters;
  private final RatisMetadataJournal journal;
  private final RatisControllerClient client;
  private final ScheduledExecutorService scheduler;
  private final Time time;
  private final List<AutoCloseable> started = new ArrayList<>();
  private final long brokerEpoch;

  private MetadataQuorum(
      BrokerConfig config, QuorumVoters voters, ScheduledExecutorService scheduler, Time time) {
    this.config = config;
    this.voters = voters;
    this.scheduler = scheduler;
    this.time = time;
    this.brokerEpoch = time.milliseconds();
    Path storage = config.logDirs().get(0).resolve(STORAGE_DIR_NAME);
    RatisSettings settings = RatisSettings.DEFAULTS;
    this.journal =
        new RatisMetadataJournal(
            voters, config.nodeId(), bindHost(config, voters), storage, settings);
    this.client =
        new RatisControllerClient(
            voters, settings, scheduler, time, sessionTimeoutMs() + settings.requestTimeoutMs());
    started.add(journal);
    started.add(client);
  }

  /** The voters of {@code config}, validated for the supported topology (combined nodes). */
  public static QuorumVoters votersOf(BrokerConfig config) {
    QuorumVoters voters =
        QuorumVoters.parse(config.getList(BrokerConfigDef.CONTROLLER_QUORUM_VOTERS));
    if (voters.isEmpty()) {
      return voters;
    }
    List<String> roles = config.getList(BrokerConfigDef.PROCESS_ROLES);
    if (!roles.contains("broker") || !roles.contains("controller")) {
      throw new ConfigException(
          BrokerConfigDef.PROCESS_ROLES,
          roles,
          "with controller.quorum.voters, every node must be broker,controller (dedicated"
              + " brokers and controllers are not supported yet)");
    }
    QuorumVoters.Voter self =
        voters
            .voter(config.nodeId())
            .orElseThrow(
                () ->
                    new ConfigException(
                        BrokerConfigDef.CONTROLLER_QUORUM_VOTERS,
                        voters.voters().toString(),
                        "node.id " + config.nodeId() + " is not a voter"));
    List<String> controllerListeners = config.getList(BrokerConfigDef.CONTROLLER_LISTENER_NAMES);
    for (Listener listener : config.listeners()) {
      if (controllerListeners.contains(listener.name()) && listener.port() != self.port()) {
        throw new ConfigException(
            BrokerConfigDef.LISTENERS,
            listener.toString(),
            "the controller listener must be this node's voter address " + self.address());
      }
    }
    return voters;
  }

  /**
   * The controller listener's host, so a voter named by a DNS name (e.g. a pod behind a headless
   * Service) listens on the address its listener names; the voter host when the listener names
   * none.
   */
  private static String bindHost(BrokerConfig config, QuorumVoters voters) {
    List<String> controllerListeners = config.getList(BrokerConfigDef.CONTROLLER_LISTENER_NAMES);
    return config.listeners().stream()
        .filter(listener -> controllerListeners.contains(listener.name()))
        .map(Listener::host)
        .filter(host -> !host.isEmpty())
        .findFirst()
        .orElse(voters.voter(config.nodeId()).orElseThrow().host());
  }

  public static MetadataQuorum create(
      BrokerConfig config, QuorumVoters voters, ScheduledExecutorService scheduler, Time time) {
    return new MetadataQuorum(config, voters, scheduler, time);
  }

  public RatisMetadataJournal journal() {
    return journal;
  }

  public RatisControllerClient client() {
    return client;
  }

  /** Every voter agrees on this id; see {@link QuorumVoters#clusterId}. */
  public String clusterId() {
    return voters.clusterId();
  }

  /** The node id of the quorum leader (the active controller), or -1 while none is known. */
  public int controllerId() {
    return journal.leaderId().orElse(-1);
  }

  /** Lets {@code controller} answer controller RPCs and fence brokers whose sessions expire. */
  public void serveController(ClusterController controller, MetadataCache cache) {
    BrokerLiveness liveness =
        new BrokerLiveness(time, sessionTimeoutMs(), RatisSettings.DEFAULTS.requestTimeoutMs());
    ControllerRpcHandler handler =
        new ControllerRpcHandler(controller, cache, liveness, journal.tail(), config.nodeId());
    journal.setRpcHandler(handler::handle);
    long checkIntervalMs = Math.max(50, heartbeatIntervalMs() / 4);
    started.add(new BrokerLivenessMonitor(controller, cache, liveness, scheduler, checkIntervalMs));
  }

  /**
   * This process's incarnation epoch: what it registers with, and what AlterPartition requests must
   * carry. Fixed at creation, so the data plane knows it before registration completes.
   */
  public long brokerEpoch() {
    return brokerEpoch;
  }

  /** Registers this broker with {@code endpoints} and heartbeats until closed. */
  public BrokerLifecycleManager startLifecycle(List<Listener> endpoints) {
    BrokerLifecycleManager lifecycle =
        new BrokerLifecycleManager(
            client,
            config.nodeId(),
            brokerEpoch,
            config.rack(),
            endpoints,
            scheduler,
            heartbeatIntervalMs());
    started.add(lifecycle);
    return lifecycle;
  }

  private long heartbeatIntervalMs() {
    return config.getInt(BrokerConfigDef.BROKER_HEARTBEAT_INTERVAL_MS);
  }

  private long sessionTimeoutMs() {
    return config.getInt(BrokerConfigDef.BROKER_SESSION_TIMEOUT_MS);
  }

  @Override
  public void close() {
    for (int i = started.size() - 1; i >= 0; i--) {
      try {
        started.get(i).close();
      } catch (Exception e) {
        org.slf4j.LoggerFactory.getLogger(MetadataQuorum.class)
            .warn("error while stopping {}", started.get(i), e);
      }
    }
    started.clear();
  }
}
