package dev.brook.operator.cluster.model;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The broker configuration keys a user may set in {@code spec.config}: the keys Brook's broker
 * defines, minus those the operator owns (identity, listeners, quorum, storage paths). Kept in step
 * with {@code BrokerConfigDef} of broker-image by hand; the operator cannot depend on the broker
 * module (Netty version split, see VERSIONS.md).
 */
public final class BrokerConfigKeys {

  /** User-settable keys a broker reads at start only: changing one restarts the brokers. */
  static final Set<String> STATIC =
      Set.of(
          "auto.create.topics.enable",
          "connections.max.idle.ms",
          "default.replication.factor",
          "delete.topic.enable",
          "fetch.max.bytes",
          "group.initial.rebalance.delay.ms",
          "group.max.session.timeout.ms",
          "group.max.size",
          "group.min.session.timeout.ms",
          "log.retention.check.interval.ms",
          "num.io.threads",
          "num.network.threads",
          "num.partitions",
          "offset.metadata.max.bytes",
          "offsets.retention.check.interval.ms",
          "offsets.retention.minutes",
          "offsets.topic.num.partitions",
          "offsets.topic.replication.factor",
          "offsets.topic.segment.bytes",
          "producer.id.expiration.ms",
          "socket.request.max.bytes",
          "unclean.leader.election.enable");

  /**
   * The user-settable keys a Brook broker changes at run time (its {@code DynamicBrokerConfigs}):
   * the operator applies them as cluster-wide dynamic broker configs, without a restart, instead of
   * writing them into {@code server.properties}.
   */
  static final Set<String> DYNAMIC =
      Set.of(
          "log.cleanup.policy",
          "log.flush.interval.messages",
          "log.flush.interval.ms",
          "log.index.interval.bytes",
          "log.index.size.max.bytes",
          "log.message.timestamp.type",
          "log.retention.bytes",
          "log.retention.hours",
          "log.retention.minutes",
          "log.retention.ms",
          "log.roll.hours",
          "log.roll.ms",
          "log.segment.bytes",
          "message.max.bytes",
          "min.insync.replicas");

  static final Set<String> USER_SETTABLE = union(STATIC, DYNAMIC);

  /** Keys the operator sets itself; setting them in spec.config would break the cluster. */
  static final Set<String> OPERATOR_OWNED =
      Set.of(
          "node.id",
          "broker.rack",
          "process.roles",
          "listeners",
          "advertised.listeners",
          "listener.security.protocol.map",
          "inter.broker.listener.name",
          "controller.listener.names",
          "controller.quorum.voters",
          "log.dir",
          "log.dirs",
          "http.listener");

  private BrokerConfigKeys() {}

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> all = new TreeSet<>(a);
    all.addAll(b);
    return Set.copyOf(all);
  }

  /** The keys of {@code config} that are not user-settable, sorted. */
  public static List<String> rejected(Map<String, String> config) {
    return List.copyOf(
        new TreeSet<>(
            config.keySet().stream().filter(key -> !USER_SETTABLE.contains(key)).toList()));
  }

  public static boolean isDynamic(String key) {
    return DYNAMIC.contains(key);
  }

  public static boolean isOperatorOwned(String key) {
    return OPERATOR_OWNED.contains(key);
  }
}
