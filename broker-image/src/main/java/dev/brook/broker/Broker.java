package dev.brook.broker;

import dev.brook.broker.api.BrokerApis;
import dev.brook.broker.config.BrokerConfig;
import dev.brook.broker.config.BrokerConfigDef;
import dev.brook.broker.config.BrokerLogDefaults;
import dev.brook.broker.config.Listener;
import dev.brook.broker.controller.AlterPartitionRequest;
import dev.brook.broker.controller.ClusterController;
import dev.brook.broker.controller.ControllerChannel;
import dev.brook.broker.http.BrokerHttpServer;
import dev.brook.broker.http.BrokerMeters;
import dev.brook.broker.http.ControllerGauges;
import dev.brook.broker.http.MeteredDispatcher;
import dev.brook.broker.http.PartitionGauges;
import dev.brook.broker.http.TopicTraffic;
import dev.brook.broker.log.LogManager;
import dev.brook.broker.metadata.MetadataCache;
import dev.brook.broker.metadata.image.BrokerRegistration;
import dev.brook.broker.metadata.image.MetadataImage;
import dev.brook.broker.metadata.image.PartitionRegistration;
import dev.brook.broker.network.KafkaServer;
import dev.brook.broker.network.RequestDispatcher;
import dev.brook.broker.raft.MetadataQuorum;
import dev.brook.broker.raft.QuorumVoters;
import dev.brook.broker.replication.ReplicaFetchSettings;
import dev.brook.broker.replication.ReplicaManager;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.utils.KafkaThread;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Brook node: metadata journal and controller, partition logs, replica manager, group
 * coordinator and the Kafka listeners. Without {@code controller.quorum.voters} it is a whole
 * single-node cluster over a local metadata log; with them it either joins the Ratis controller
 * quorum as a voter (broker and controller roles) or, outside the voters, is a broker-only node
 * that follows the metadata log from the active controller; either way it registers with the active
 * controller and heartbeats. {@link #start} brings the parts up in dependency order; {@link #close}
 * first asks for a controlled shutdown (quorum mode), then stops the parts in reverse, flushing
 * logs and leaving a clean-shutdown marker.
 */
public final class Broker implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Broker.class);
  private static final Duration CONTROLLED_SHUTDOWN_TIMEOUT = Duration.ofSeconds(15);

  private final BrokerConfig config;
  private final Time time = Time.SYSTEM;
  private final ScheduledExecutorService scheduler;
  private final ExecutorService requestHandlers;
  private final List<AutoCloseable> started = new ArrayList<>();
  private final Map<String, InetSocketAddress> boundAddresses = new LinkedHashMap<>();
  private final MetadataCache cache = new MetadataCache();
  private MetadataRole metadata;
  private BrokerHttpServer httpServer;

  private Broker(BrokerConfig config) {
    this.config = config;
    this.scheduler = new ScheduledThreadPoolExecutor(2, daemonThreads("brook-scheduler"));
    this.requestHandlers =
        Executors.newFixedThreadPool(config.numIoThreads(), daemonThreads("brook-request-handler"));
  }

  public static Broker start(BrokerConfig config) throws IOException, InterruptedException {
    Broker broker = new Broker(config);
    try {
      broker.startUp();
      return broker;
    } catch (IOException | InterruptedException | RuntimeException e) {
      broker.close();
      throw e;
    }
  }

  private void startUp() throws IOException, InterruptedException {
    metadata = startMetadata();
    if (!config.hasBrokerRole()) {
      startControllerOnly();
      return;
    }
    BrokerLogDefaults logDefaults = BrokerLogDefaults.from(config, cache::image);
    ClusterController controller = metadata.controller();
    LogManager logManager = startLogs(logDefaults, cache.image());
    ReplicaManager replicaManager =
        new ReplicaManager(
            config.nodeId(),
            logManager,
            logDefaults,
            time,
            scheduler,
            replicaFetchSettings(),
            this::alterIsr);
    started.add(replicaManager);
    cache.addListener(replicaManager);
    replicaManager.onMetadataUpdate(MetadataImage.EMPTY, cache.image());
    BrokerApis apis =
        new BrokerApis(
            config,
            metadata.clusterId(),
            metadata::controllerId,
            cache,
            controller,
            metadata.quorumAdmin(),
            replicaManager,
            logManager,
            logDefaults,
            time,
            scheduler,
            requestHandlers);
    started.add(apis);
    Optional<PrometheusMeterRegistry> metrics = config.httpListener().map(address -> meters());
    RequestDispatcher dispatcher =
        metrics.isEmpty() ? apis.dispatcher() : metered(apis.dispatcher(), metrics.get());
    KafkaServer server = startListeners(apis, dispatcher);
    BrokerReadiness readiness = new BrokerReadiness(config.nodeId(), brokerEpoch());
    cache.addListener(readiness);
    readiness.onMetadataUpdate(MetadataImage.EMPTY, cache.image());
    readiness
        .ready()
        .thenRun(
            () -> {
              replicaManager.deleteStrayLogs();
              server.startAccepting();
              log.info(
                  "Brook node {} is registered and unfenced: serving clients", config.nodeId());
            });
    if (metrics.isPresent()) {
      startHttp(readiness, metrics.get(), replicaManager);
    }
    metadata.register(clientEndpoints());
    log.info(
        "Brook node {} of cluster {} started; listeners {} accept clients once it is unfenced",
        config.nodeId(),
        metadata.clusterId(),
        boundAddresses);
  }

  /**
   * A dedicated controller ({@code process.roles=controller}): a voter of the metadata quorum that
   * runs the controller when it leads, with health and metrics; no partition logs, no client
   * listener, never registered as a broker, so no partition is placed on it. Ready once it votes in
   * the quorum's configuration and follows the log.
   */
  private void startControllerOnly() throws IOException {
    Optional<PrometheusMeterRegistry> metrics = config.httpListener().map(address -> meters());
    if (metrics.isPresent()) {
      ControllerGauges.register(metrics.get(), cache, this::isActiveController);
      httpServer =
          BrokerHttpServer.start(
              config.httpListener().orElseThrow(),
              metadata::isFollowing,
              metadata::isVoting,
              "not ready: not (yet) a voter of the metadata quorum\n",
              metrics.get(),
              () -> {});
      started.add(httpServer);
    }
    log.info(
        "Brook controller {} of cluster {} started (process.roles=controller, no client listener)",
        config.nodeId(),
        metadata.clusterId());
  }

  /** ISR changes asked by this broker's partition leaders, sent to the active controller. */
  private CompletableFuture<PartitionRegistration> alterIsr(
      Uuid topicId, int partition, int leaderEpoch, int partitionEpoch, List<Integer> newIsr) {
    BrokerRegistration self = cache.image().brokers().get(config.nodeId());
    long brokerEpoch = self == null ? -1L : self.epoch();
    AlterPartitionRequest request =
        new AlterPartitionRequest(
            config.nodeId(), brokerEpoch, topicId, partition, leaderEpoch, partitionEpoch, newIsr);
    return metadata
        .controllerChannel()
        .alterPartition(request)
        .thenCompose(
            result ->
                result.error() == Errors.NONE
                    ? CompletableFuture.completedFuture(result.registration().orElseThrow())
                    : CompletableFuture.failedFuture(result.error().exception()));
  }

  private ReplicaFetchSettings replicaFetchSettings() {
    return new ReplicaFetchSettings(
        config.getInt(BrokerConfigDef.REPLICA_FETCH_WAIT_MAX_MS),
        config.getInt(BrokerConfigDef.REPLICA_FETCH_MIN_BYTES),
        config.getInt(BrokerConfigDef.REPLICA_FETCH_MAX_BYTES),
        config.getInt(BrokerConfigDef.REPLICA_FETCH_RESPONSE_MAX_BYTES),
        config.getInt(BrokerConfigDef.REPLICA_FETCH_BACKOFF_MS),
        config.getInt(BrokerConfigDef.REPLICA_SOCKET_TIMEOUT_MS),
        config.getLong(BrokerConfigDef.REPLICA_LAG_TIME_MAX_MS),
        config.interBrokerListenerName());
  }

  /** A single node's local metadata, or this node's part of the controller quorum. */
  private MetadataRole startMetadata() throws IOException, InterruptedException {
    QuorumVoters voters = MetadataQuorum.votersOf(config);
    MetadataRole role =
        voters.isEmpty()
            ? SingleNodeMetadata.start(config, cache, time)
            : QuorumMetadata.start(config, voters, cache, scheduler, time);
    started.add(role);
    log.info(
        "metadata replayed to offset {}: {} topics",
        cache.image().offset(),
        cache.image().topicsByName().size());
    return role;
  }

  private LogManager startLogs(BrokerLogDefaults logDefaults, MetadataImage image)
      throws IOException {
    LogManager logManager =
        new LogManager(
            config.logDirs(),
            logDefaults.config(),
            time,
            scheduler,
            config.getLong(BrokerConfigDef.LOG_RETENTION_CHECK_INTERVAL_MS));
    started.add(logManager);
    logManager.startup(
        topic -> logDefaults.forTopic(image.topic(topic).map(t -> t.configs()).orElse(Map.of())));
    return logManager;
  }

  /**
   * Binds the client listeners without accepting connections yet: a client that connects early is
   * held in the listen backlog until the broker is ready, so its first request is answered by a
   * registered, caught-up broker.
   */
  private KafkaServer startListeners(BrokerApis apis, RequestDispatcher dispatcher)
      throws InterruptedException {
    KafkaServer server =
        new KafkaServer(
            apis.parser(),
            dispatcher,
            config.numNetworkThreads(),
            config.socketRequestMaxBytes(),
            config.connectionsMaxIdleMs());
    started.add(server);
    for (Listener listener : config.clientListeners()) {
      boundAddresses.put(listener.name(), server.bind(listener));
    }
    return server;
  }

  /**
   * Meters exist only where {@code http.listener} exposes them: no cost on the request path else.
   */
  private PrometheusMeterRegistry meters() {
    PrometheusMeterRegistry registry = BrokerMeters.registry(config.nodeId());
    started.add(registry::close);
    return registry;
  }

  private RequestDispatcher metered(RequestDispatcher dispatcher, PrometheusMeterRegistry metrics) {
    return new MeteredDispatcher(
        dispatcher,
        metrics,
        new TopicTraffic(metrics, id -> cache.image().topic(id).map(t -> t.name()).orElse(null)));
  }

  /** Serves /health and /metrics on {@code http.listener}. */
  private void startHttp(
      BrokerReadiness readiness, PrometheusMeterRegistry metrics, ReplicaManager replicaManager)
      throws IOException {
    PartitionGauges gauges = new PartitionGauges(metrics, replicaManager);
    ControllerGauges.register(metrics, cache, this::isActiveController);
    httpServer =
        BrokerHttpServer.start(
            config.httpListener().orElseThrow(),
            metadata::isFollowing,
            () -> readiness.ready().isDone(),
            "not ready: not yet registered and unfenced\n",
            metrics,
            gauges::refresh);
    started.add(httpServer);
  }

  private boolean isActiveController() {
    return metadata.controllerId() == config.nodeId();
  }

  /** The address /health and /metrics are served on, when {@code http.listener} is set. */
  public Optional<InetSocketAddress> httpAddress() {
    return Optional.ofNullable(httpServer).map(BrokerHttpServer::address);
  }

  /** The endpoints clients should use (bound ports replace port 0). */
  private List<Listener> clientEndpoints() {
    List<Listener> endpoints = new ArrayList<>();
    for (Listener advertised : config.advertisedListeners()) {
      InetSocketAddress bound = boundAddresses.get(advertised.name());
      if (bound == null) {
        continue;
      }
      int port = advertised.port() == 0 ? bound.getPort() : advertised.port();
      endpoints.add(new Listener(advertised.name(), advertised.host(), port));
    }
    return endpoints;
  }

  /**
   * The channel to the active controller, for the data plane (ISR changes through {@link
   * ControllerChannel#alterPartition}); local in a single-node cluster.
   */
  public ControllerChannel controllerChannel() {
    return metadata.controllerChannel();
  }

  /**
   * This process's incarnation epoch, as registered with the controller; AlterPartition requests
   * carry it. Known from start-up on.
   */
  public long brokerEpoch() {
    return metadata.brokerEpoch();
  }

  public String clusterId() {
    return metadata.clusterId();
  }

  /** The address each client listener is bound to, by listener name. */
  public Map<String, InetSocketAddress> boundAddresses() {
    return Map.copyOf(boundAddresses);
  }

  /** The "host:port" of the first client listener, for bootstrap.servers. */
  public String bootstrapServers() {
    InetSocketAddress address = boundAddresses.values().iterator().next();
    return address.getHostString() + ":" + address.getPort();
  }

  @Override
  public void close() {
    if (metadata != null) {
      metadata.controlledShutdown(CONTROLLED_SHUTDOWN_TIMEOUT);
    }
    for (int i = started.size() - 1; i >= 0; i--) {
      AutoCloseable component = started.get(i);
      try {
        component.close();
      } catch (Exception e) {
        log.error("error while stopping {}", component, e);
      }
    }
    started.clear();
    requestHandlers.shutdown();
    scheduler.shutdown();
    try {
      requestHandlers.awaitTermination(5, TimeUnit.SECONDS);
      scheduler.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    log.info("Brook node {} stopped", config.nodeId());
  }

  private static java.util.concurrent.ThreadFactory daemonThreads(String prefix) {
    AtomicInteger counter = new AtomicInteger();
    return runnable -> KafkaThread.daemon(prefix + "-" + counter.incrementAndGet(), runnable);
  }
}
