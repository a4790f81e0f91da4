package dev.brook.broker.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigException;

/**
 * The broker's validated configuration, with Kafka's key names and defaults (see {@link
 * BrokerConfigDef}). Construction fails with a {@link ConfigException} naming the offending key.
 * Immutable and thread-safe.
 */
public final class BrokerConfig extends AbstractConfig {

  private final List<Listener> listeners;
  private final List<Listener> advertisedListeners;

  public BrokerConfig(Map<String, ?> originals) {
    super(BrokerConfigDef.DEFINITION, originals, false);
    this.listeners =
        Listener.parseList(BrokerConfigDef.LISTENERS, getList(BrokerConfigDef.LISTENERS));
    List<String> advertised = getList(BrokerConfigDef.ADVERTISED_LISTENERS);
    this.advertisedListeners =
        advertised == null || advertised.isEmpty()
            ? listeners
            : Listener.parseList(BrokerConfigDef.ADVERTISED_LISTENERS, advertised);
    validateCrossKeyRules();
  }

  private void validateCrossKeyRules() {
    if (listeners.isEmpty()) {
      throw new ConfigException(BrokerConfigDef.LISTENERS, "", "at least one listener is required");
    }
    for (Listener advertised : advertisedListeners) {
      if (listeners.stream().noneMatch(l -> l.name().equals(advertised.name()))) {
        throw new ConfigException(
            BrokerConfigDef.ADVERTISED_LISTENERS,
            advertised.toString(),
            "advertised listener name " + advertised.name() + " is not among `listeners`");
      }
      if (advertised.host().isEmpty() || advertised.host().equals("0.0.0.0")) {
        throw new ConfigException(
            BrokerConfigDef.ADVERTISED_LISTENERS,
            advertised.toString(),
            "an advertised listener needs a concrete host clients can reach");
      }
    }
    if (getInt(BrokerConfigDef.MESSAGE_MAX_BYTES)
        > getInt(BrokerConfigDef.SOCKET_REQUEST_MAX_BYTES)) {
      throw new ConfigException(
          BrokerConfigDef.MESSAGE_MAX_BYTES,
          getInt(BrokerConfigDef.MESSAGE_MAX_BYTES),
          "must not exceed " + BrokerConfigDef.SOCKET_REQUEST_MAX_BYTES);
    }
  }

  /** Whether {@code process.roles} names the broker role (else: a dedicated controller). */
  public boolean hasBrokerRole() {
    return getList(BrokerConfigDef.PROCESS_ROLES).contains("broker");
  }

  public int nodeId() {
    return getInt(BrokerConfigDef.NODE_ID);
  }

  public List<Listener> listeners() {
    return listeners;
  }

  /**
   * The listener clients are told about for {@code listenerName}; defaults to {@code listeners}.
   */
  public Listener advertisedListener(String listenerName) {
    return advertisedListeners.stream()
        .filter(l -> l.name().equals(listenerName))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no listener named " + listenerName));
  }

  public List<Listener> advertisedListeners() {
    return advertisedListeners;
  }

  /** Where /health and /metrics are served ({@code http.listener}); empty for nowhere. */
  public Optional<java.net.InetSocketAddress> httpListener() {
    return HttpListener.parse(
        BrokerConfigDef.HTTP_LISTENER, getString(BrokerConfigDef.HTTP_LISTENER));
  }

  /** The cluster id this node was told to belong to ({@code cluster.id}), if any. */
  public Optional<String> clusterId() {
    return Optional.ofNullable(getString(BrokerConfigDef.CLUSTER_ID)).filter(s -> !s.isBlank());
  }

  /** Whether this node joins an existing quorum rather than forming one (KIP-853's auto-join). */
  public boolean quorumAutoJoin() {
    return getBoolean(BrokerConfigDef.CONTROLLER_QUORUM_AUTO_JOIN_ENABLE);
  }

  public Optional<String> rack() {
    return Optional.ofNullable(getString(BrokerConfigDef.BROKER_RACK)).filter(s -> !s.isBlank());
  }

  public List<Path> logDirs() {
    List<String> dirs = getList(BrokerConfigDef.LOG_DIRS);
    if (dirs == null || dirs.isEmpty()) {
      return List.of(Path.of(getString(BrokerConfigDef.LOG_DIR)));
    }
    return dirs.stream().map(Path::of).toList();
  }

  /** {@code log.retention.ms}, else minutes, else hours, as Kafka resolves them. */
  public long logRetentionMs() {
    Long ms = getLong(BrokerConfigDef.LOG_RETENTION_MS);
    if (ms != null) {
      return ms;
    }
    Integer minutes = getInt(BrokerConfigDef.LOG_RETENTION_MINUTES);
    if (minutes != null) {
      return minutes * 60_000L;
    }
    return getInt(BrokerConfigDef.LOG_RETENTION_HOURS) * 3_600_000L;
  }

  /** {@code log.roll.ms}, else hours. */
  public long logRollMs() {
    Long ms = getLong(BrokerConfigDef.LOG_ROLL_MS);
    return ms != null ? ms : getInt(BrokerConfigDef.LOG_ROLL_HOURS) * 3_600_000L;
  }

  public int numPartitions() {
    return getInt(BrokerConfigDef.NUM_PARTITIONS);
  }

  public short defaultReplicationFactor() {
    return getInt(BrokerConfigDef.DEFAULT_REPLICATION_FACTOR).shortValue();
  }

  public boolean autoCreateTopics() {
    return getBoolean(BrokerConfigDef.AUTO_CREATE_TOPICS_ENABLE);
  }

  public int socketRequestMaxBytes() {
    return getInt(BrokerConfigDef.SOCKET_REQUEST_MAX_BYTES);
  }

  public int offsetsTopicPartitions() {
    return getInt(BrokerConfigDef.OFFSETS_TOPIC_NUM_PARTITIONS);
  }

  public short offsetsTopicReplicationFactor() {
    return getShort(BrokerConfigDef.OFFSETS_TOPIC_REPLICATION_FACTOR);
  }

  public int numIoThreads() {
    return getInt(BrokerConfigDef.NUM_IO_THREADS);
  }

  public int numNetworkThreads() {
    return getInt(BrokerConfigDef.NUM_NETWORK_THREADS);
  }

  public long connectionsMaxIdleMs() {
    return getLong(BrokerConfigDef.CONNECTIONS_MAX_IDLE_MS);
  }

  public int fetchMaxBytes() {
    return getInt(BrokerConfigDef.FETCH_MAX_BYTES);
  }

  public boolean deleteTopicEnable() {
    return getBoolean(BrokerConfigDef.DELETE_TOPIC_ENABLE);
  }

  /** The listener brokers use among themselves: inter.broker.listener.name, else the first. */
  public String interBrokerListenerName() {
    String configured = getString(BrokerConfigDef.INTER_BROKER_LISTENER_NAME);
    if (configured != null) {
      return configured;
    }
    return clientListeners().stream()
        .map(Listener::name)
        .findFirst()
        .orElse(listeners.get(0).name());
  }

  /** The listeners named by {@code controller.listener.names}: where the Raft quorum listens. */
  public List<Listener> controllerListeners() {
    List<String> controllerNames = getList(BrokerConfigDef.CONTROLLER_LISTENER_NAMES);
    return listeners.stream().filter(l -> controllerNames.contains(l.name())).toList();
  }

  /** The other listeners: what clients and other brokers connect to. */
  public List<Listener> clientListeners() {
    List<String> controllerNames = getList(BrokerConfigDef.CONTROLLER_LISTENER_NAMES);
    return listeners.stream().filter(l -> !controllerNames.contains(l.name())).toList();
  }

  /** The values explicitly set (file, environment or overrides), for logging at start-up. */
  public Map<String, Object> explicitValues() {
    return Map.copyOf(originals());
  }
}
