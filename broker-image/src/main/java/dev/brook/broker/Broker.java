package dev.brook.broker;

import dev.brook.broker.api.BrokerApis;
import dev.brook.broker.config.BrokerConfig;
import dev.brook.broker.config.BrokerConfigDef;
import dev.brook.broker.config.BrokerLogDefaults;
import dev.brook.broker.config.Listener;
import dev.brook.broker.log.LogManager;
import dev.brook.broker.metadata.ClusterController;
import dev.brook.broker.metadata.LocalMetadataJournal;
import dev.brook.broker.metadata.MetadataApplier;
import dev.brook.broker.metadata.MetadataCache;
import dev.brook.broker.metadata.MetadataImage;
import dev.brook.broker.metadata.MetadataRecord.RegisterBroker;
import dev.brook.broker.metadata.PartitionCreator;
import dev.brook.broker.metadata.PlacementReplicaAssigner;
import dev.brook.broker.metadata.TopicConfigAlterer;
import dev.brook.broker.metadata.TopicCreator;
import dev.brook.broker.metadata.TopicDeleter;
import dev.brook.broker.network.KafkaServer;
import dev.brook.broker.replication.AlterPartitionChannel;
import dev.brook.broker.replication.ReplicaFetchSettings;
import dev.brook.broker.replication.ReplicaManager;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.utils.KafkaThread;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A complete single-node Brook cluster in one process (broker and controller roles): metadata
 * journal and controller, partition logs, replica manager, group coordinator and the Kafka
 * listeners. {@link #start} brings the parts up in dependency order; {@link #close} stops them in
 * reverse, flushing logs and leaving a clean-shutdown marker.
 */
public final class Broker implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Broker.class);

  private final BrokerConfig config;
  private final Time time = Time.SYSTEM;
  private final ScheduledExecutorService scheduler;
  private final ExecutorService requestHandlers;
  private final List<AutoCloseable> started = new ArrayList<>();
  private final Map<String, InetSocketAddress> boundAddresses = new LinkedHashMap<>();
  private ClusterMetaProperties meta;

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
    BrokerLogDefaults logDefaults = BrokerLogDefaults.from(config);
    meta = ClusterMetaProperties.loadOrCreate(config.logDirs(), config.nodeId());
    MetadataCache cache = new MetadataCache();
    LocalMetadataJournal journal = startMetadata(cache);
    LogManager logManager = startLogs(logDefaults, cache.image());
    ReplicaManager replicaManager =
        new ReplicaManager(
            config.nodeId(),
            logManager,
            logDefaults,
            time,
            scheduler,
            replicaFetchSettings(),
            AlterPartitionChannel.NONE);
    started.add(replicaManager);
    cache.addListener(replicaManager);
    replicaManager.onMetadataUpdate(MetadataImage.EMPTY, cache.image());
    ClusterController controller = startController(journal, cache);
    BrokerApis apis =
        new BrokerApis(
            config,
            meta.clusterId(),
            cache,
            controller,
            replicaManager,
            logDefaults,
            time,
            scheduler,
            requestHandlers);
    started.add(apis);
    startListeners(apis);
    registerWithController(controller);
    log.info(
        "Brook node {} of cluster {} started; listeners {}",
        config.nodeId(),
        meta.clusterId(),
        boundAddresses);
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

  private LocalMetadataJournal startMetadata(MetadataCache cache) throws IOException {
    LocalMetadataJournal journal = LocalMetadataJournal.open(config.logDirs().get(0), time);
    started.add(journal);
    journal.start(new MetadataApplier(cache));
    log.info(
        "metadata replayed to offset {}: {} topics",
        cache.image().offset(),
        cache.image().topicsByName().size());
    return journal;
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

  private ClusterController startController(LocalMetadataJournal journal, MetadataCache cache) {
    PlacementReplicaAssigner assigner = new PlacementReplicaAssigner();
    BrokerLogDefaults logDefaults = BrokerLogDefaults.from(config);
    ClusterController controller =
        new ClusterController(
            journal,
            cache,
            new TopicCreator(
                config.numPartitions(),
                config.defaultReplicationFactor(),
                assigner,
                logDefaults::forTopic),
            new TopicDeleter(config.deleteTopicEnable()),
            new PartitionCreator(assigner),
            new TopicConfigAlterer(logDefaults::forTopic));
    started.add(controller);
    return controller;
  }

  private void startListeners(BrokerApis apis) throws InterruptedException {
    KafkaServer server =
        new KafkaServer(
            apis.parser(),
            apis.dispatcher(),
            config.numNetworkThreads(),
            config.socketRequestMaxBytes(),
            config.connectionsMaxIdleMs());
    started.add(server);
    List<String> controllerListeners = config.getList(BrokerConfigDef.CONTROLLER_LISTENER_NAMES);
    for (Listener listener : config.listeners()) {
      if (!controllerListeners.contains(listener.name())) {
        boundAddresses.put(listener.name(), server.bind(listener));
      }
    }
  }

  /** Registers this broker with the endpoints clients should use (bound ports replace port 0). */
  private void registerWithController(ClusterController controller) {
    List<Listener> endpoints = new ArrayList<>();
    for (Listener advertised : config.advertisedListeners()) {
      InetSocketAddress bound = boundAddresses.get(advertised.name());
      if (bound == null) {
        continue;
      }
      int port = advertised.port() == 0 ? bound.getPort() : advertised.port();
      endpoints.add(new Listener(advertised.name(), advertised.host(), port));
    }
    controller
        .registerBroker(
            new RegisterBroker(config.nodeId(), time.milliseconds(), config.rack(), endpoints))
        .join();
  }

  public String clusterId() {
    return meta.clusterId();
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
