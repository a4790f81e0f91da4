package dev.brook.broker.raft;

import dev.brook.broker.config.BrokerConfig;
import dev.brook.broker.config.BrokerConfigDef;
import dev.brook.broker.config.Listener;
import dev.brook.broker.controller.BrokerLiveness;
import dev.brook.broker.controller.BrokerLivenessMonitor;
import dev.brook.broker.controller.ClusterController;
import dev.brook.broker.controller.TcpListenerProbe;
import dev.brook.broker.metadata.MetadataCache;
import dev.brook.broker.rpc.BrokerLifecycleManager;
import dev.brook.broker.rpc.ControllerPeersRefresher;
import dev.brook.broker.rpc.ControllerRpcHandler;
import dev.brook.broker.rpc.RatisControllerClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.utils.Time;
import org.apache.ratis.protocol.RaftPeer;

/**
 * The parts of a node in a multi-node cluster: the metadata journal (a Ratis replica on a voter
 * with the combined broker and controller roles, an {@link ObserverMetadataJournal} on a
 * broker-only node), the client channel to the active controller, and, on a voter once the
 * controller exists, its RPC handler and the broker liveness monitor. Closed in reverse order of
 * creation.
 */
public final class MetadataQuorum implements AutoCloseable {

  /** Where the Raft log and snapshots live under the first log directory (LogManager skips it). */
  public static final String STORAGE_DIR_NAME = "__cluster_metadata-0";

  /** How often a caught-up broker-only node asks for new metadata (heartbeats default to 500). */
  static final long OBSERVER_POLL_INTERVAL_MS = 100;

  private static final long JOIN_RETRY_MS = 1_000;
  private static final long PEERS_REFRESH_MS = 2_000;

  private final BrokerConfig config;
  private final QuorumVoters voters;
  private final QuorumIdentity identity;
  private final QuorumJournal journal;
  private final RatisMetadataJournal voterJournal;
  private final RatisControllerClient client;
  private final ScheduledExecutorService scheduler;
  private final Time time;
  private final List<AutoCloseable> started = new ArrayList<>();
  private final long brokerEpoch;
  private final Path stateFile;

  private MetadataQuorum(
      BrokerConfig config, QuorumVoters voters, ScheduledExecutorService scheduler, Time time) {
    this.config = config;
    this.voters = voters;
    this.scheduler = scheduler;
    this.time = time;
    this.brokerEpoch = time.milliseconds();
    this.identity = QuorumIdentity.of(config.clusterId(), voters);
    Path storage = config.logDirs().get(0).resolve(STORAGE_DIR_NAME);
    this.stateFile = storage.resolve(QuorumStateFile.NAME);
    RatisSettings settings = RatisSettings.DEFAULTS;
    this.client =
        new RatisControllerClient(
            identity,
            RatisGroups.bootstrapPeers(voters, QuorumStateFile.voters(stateFile)),
            settings,
            scheduler,
            time,
            sessionTimeoutMs() + settings.requestTimeoutMs());
    // Closed in reverse: a voter's client before its Raft server, an observer before the client
    // it fetches through.
    if (voters.voter(config.nodeId()).isPresent()) {
      this.voterJournal =
          new RatisMetadataJournal(
              identity,
              voters,
              config.nodeId(),
              bindHost(config, voters),
              storage,
              settings,
              config.quorumAutoJoin());
      this.journal = voterJournal;
      started.add(journal);
      started.add(client);
    } else {
      this.voterJournal = null;
      this.journal =
          new ObserverMetadataJournal(
              config.nodeId(),
              afterOffset -> client.fetchMetadata(config.nodeId(), afterOffset),
              OBSERVER_POLL_INTERVAL_MS);
      started.add(client);
      started.add(journal);
    }
  }

  /**
   * The voters of {@code config}, validated for the supported topologies: a voter has the
   * controller role, combined with the broker role or alone (a dedicated controller, listening on
   * its controller listener only); any other node is broker-only ({@code process.roles=broker}) and
   * follows the metadata log without voting.
   */
  public static QuorumVoters votersOf(BrokerConfig config) {
    QuorumVoters voters =
        QuorumVoters.parse(config.getList(BrokerConfigDef.CONTROLLER_QUORUM_VOTERS));
    List<String> roles = config.getList(BrokerConfigDef.PROCESS_ROLES);
    if (voters.isEmpty()) {
      if (!roles.contains("broker")) {
        throw new ConfigException(
            BrokerConfigDef.CONTROLLER_QUORUM_VOTERS,
            "",
            "a dedicated controller (process.roles=controller) is a voter of a quorum: set"
                + " controller.quorum.voters");
      }
      return voters;
    }
    Optional<QuorumVoters.Voter> self = voters.voter(config.nodeId());
    boolean controller = roles.contains("controller");
    if (self.isPresent() && !controller) {
      throw new ConfigException(
          BrokerConfigDef.PROCESS_ROLES,
          roles,
          "node.id "
              + config.nodeId()
              + " is a voter in controller.quorum.voters, so it must have the controller role"
              + " (controller, or broker,controller)");
    }
    if (self.isEmpty() && controller) {
      throw new ConfigException(
          BrokerConfigDef.CONTROLLER_QUORUM_VOTERS,
          voters.voters().toString(),
          "node.id "
              + config.nodeId()
              + " has the controller role but is not a voter; a node outside the voters must be"
              + " process.roles=broker");
    }
    if (!roles.contains("broker") && !config.clientListeners().isEmpty()) {
      throw new ConfigException(
          BrokerConfigDef.LISTENERS,
          config.clientListeners().toString(),
          "a dedicated controller (process.roles=controller) listens on its controller listener"
              + " only");
    }
    checkControllerListeners(config, self);
    return voters;
  }

  /** A voter's controller listener is its voter address; a broker-only node has none. */
  private static void checkControllerListeners(
      BrokerConfig config, Optional<QuorumVoters.Voter> self) {
    for (Listener listener : config.controllerListeners()) {
      if (self.isEmpty()) {
        throw new ConfigException(
            BrokerConfigDef.LISTENERS,
            listener.toString(),
            "a broker-only node must not listen on a controller listener ("
                + String.join(",", config.getList(BrokerConfigDef.CONTROLLER_LISTENER_NAMES))
                + ")");
      }
      if (listener.port() != self.get().port()) {
        throw new ConfigException(
            BrokerConfigDef.LISTENERS,
            listener.toString(),
            "the controller listener must be this node's voter address " + self.get().address());
      }
    }
  }

  /**
   * The controller listener's host, so a voter named by a DNS name (e.g. a pod behind a headless
   * Service) listens on the address its listener names; the voter host when the listener names
   * none.
   */
  private static String bindHost(BrokerConfig config, QuorumVoters voters) {
    return config.controllerListeners().stream()
        .map(Listener::host)
        .filter(host -> !host.isEmpty())
        .findFirst()
        .orElse(voters.voter(config.nodeId()).orElseThrow().host());
  }

  public static MetadataQuorum create(
      BrokerConfig config, QuorumVoters voters, ScheduledExecutorService scheduler, Time time) {
    return new MetadataQuorum(config, voters, scheduler, time);
  }

  public QuorumJournal journal() {
    return journal;
  }

  /**
   * False once this node stopped following the metadata log ({@link QuorumJournal#isFollowing}).
   */
  public boolean isFollowing() {
    return journal.isFollowing();
  }

  /** Whether this node votes in the quorum (and may become the active controller). */
  public boolean isVoter() {
    return voterJournal != null;
  }

  /** Whether this voter is in the quorum's voter set now and follows the log. */
  public boolean isVoting() {
    return voterJournal != null && voterJournal.isVotingMember();
  }

  public RatisControllerClient client() {
    return client;
  }

  /** Every node agrees on this id; see {@link QuorumIdentity}. */
  public String clusterId() {
    return identity.clusterId();
  }

  /** DescribeQuorum, AddRaftVoter and RemoveRaftVoter, answered by the active controller. */
  public QuorumAdmin admin() {
    return client;
  }

  /**
   * Keeps the controller client following the voter set and, on a voter, asks the active controller
   * to make this incarnation a voter (see {@link QuorumJoiner}). Started once the journal runs.
   */
  public void startJoining() {
    // A voter remembers its configuration's voters; a broker-only node what it was told.
    Consumer<List<RaftPeer>> remember =
        voterJournal == null ? moved -> QuorumStateFile.writeVoters(stateFile, moved) : moved -> {};
    started.add(new ControllerPeersRefresher(client, scheduler, PEERS_REFRESH_MS, remember));
    if (voterJournal == null) {
      return;
    }
    started.add(
        new QuorumJoiner(
            voterJournal,
            client,
            identity.clusterId(),
            voters.voter(config.nodeId()).orElseThrow(),
            controllerListenerName(),
            config.quorumAutoJoin(),
            scheduler,
            JOIN_RETRY_MS));
  }

  private String controllerListenerName() {
    return config.getList(BrokerConfigDef.CONTROLLER_LISTENER_NAMES).get(0);
  }

  /** The node id of the quorum leader (the active controller), or -1 while none is known. */
  public int controllerId() {
    return journal.leaderId().orElse(-1);
  }

  /**
   * Lets {@code controller} answer controller RPCs and fence brokers whose sessions expire. Voters
   * only: a broker-only node never becomes the controller.
   */
  public void serveController(ClusterController controller, MetadataCache cache) {
    if (!isVoter()) {
      throw new IllegalStateException("node " + config.nodeId() + " is not a voter");
    }
    BrokerLiveness liveness =
        new BrokerLiveness(time, sessionTimeoutMs(), RatisSettings.DEFAULTS.requestTimeoutMs());
    ControllerRpcHandler handler =
        new ControllerRpcHandler(
            controller,
            cache,
            liveness,
            voterJournal.tail(),
            config.nodeId(),
            new QuorumMembership(
                voterJournal, identity.clusterId(), controllerListenerName(), time));
    voterJournal.setRpcHandler(handler::handle);
    long checkIntervalMs = Math.max(50, heartbeatIntervalMs() / 4);
    // Half a heartbeat interval: a dead broker's closed port is seen before its next heartbeat
    // would even be due. The probe, not the silence, decides.
    long silenceMs = Math.max(100, heartbeatIntervalMs() / 2);
    started.add(
        new BrokerLivenessMonitor(
            controller,
            cache,
            liveness,
            scheduler,
            checkIntervalMs,
            new TcpListenerProbe((int) Math.min(1000, heartbeatIntervalMs())),
            silenceMs));
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
