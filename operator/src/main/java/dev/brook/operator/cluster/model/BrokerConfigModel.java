package dev.brook.operator.cluster.model;

import dev.brook.operator.api.Cluster;
import dev.brook.operator.api.ClusterSpec;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * The {@code server.properties} every broker of a cluster shares. What differs per broker (id,
 * rack, pod IP in the listeners) is passed as {@code BROOK_*} environment variables by {@link
 * BrokerPodModel}.
 *
 * <p>Quorum: brokers {@code 0..voters-1} run both roles (combined mode), the others are brokers
 * only; the voters are addressed by their stable DNS names through the headless service. A
 * one-broker cluster has an explicit one-voter quorum too: the broker derives the cluster id from
 * the voter list, so a cluster that started without one could never grow (its data would belong to
 * another cluster id). {@code log.dirs} is set per pod (env), not here: it names the mount path of
 * the data volume.
 *
 * <p>Keys brokers change at run time ({@link BrokerConfigKeys#isDynamic}) are left out: the
 * operator applies them as cluster-wide dynamic broker configs ({@link #dynamicDefaults}).
 *
 * <p>Replication defaults follow the broker count (at most 3) so that the offsets topic can be
 * created; {@code min.insync.replicas} is left to {@code spec.config} (Kafka's default is 1): a
 * value derived from the broker count would change on scale-up and refuse {@code acks=all} writes
 * to the topics created with a smaller replication factor before.
 */
public final class BrokerConfigModel {

  public static final String FILE_NAME = "server.properties";
  public static final String CONFIG_DIR = "/etc/brook";
  public static final String DATA_DIR = "/var/lib/brook";

  private BrokerConfigModel() {}

  /**
   * Number of controller voters: {@code spec.controllers.count}, within replicas unless the
   * controllers are dedicated.
   */
  public static int voters(ClusterSpec spec) {
    if (ControllerIds.dedicated(spec)) {
      return spec.getControllers().getCount();
    }
    return Math.max(1, Math.min(spec.getControllers().getCount(), spec.getReplicas()));
  }

  /** The voters' node ids: brokers {@code 0..voters-1}, or the dedicated controllers. */
  public static java.util.Set<Integer> voterIds(ClusterSpec spec) {
    if (ControllerIds.dedicated(spec)) {
      return ControllerIds.of(spec);
    }
    java.util.Set<Integer> ids = new java.util.TreeSet<>();
    for (int id = 0; id < voters(spec); id++) {
      ids.add(id);
    }
    return ids;
  }

  /** Whether broker {@code brokerId} also runs the controller (combined mode). */
  public static boolean isCombinedVoter(ClusterSpec spec, int brokerId) {
    return !ControllerIds.dedicated(spec) && brokerId < voters(spec);
  }

  /** The effective configuration, sorted by key. */
  public static Map<String, String> config(Cluster cluster) {
    ClusterSpec spec = cluster.getSpec();
    Map<String, String> config = new TreeMap<>();
    int replication = Math.min(3, spec.getReplicas());
    config.put("default.replication.factor", String.valueOf(replication));
    config.put("offsets.topic.replication.factor", String.valueOf(replication));
    spec.getConfig().entrySet().stream()
        .filter(e -> BrokerConfigKeys.USER_SETTABLE.contains(e.getKey()))
        .filter(e -> !BrokerConfigKeys.isDynamic(e.getKey()))
        .forEach(e -> config.put(e.getKey(), e.getValue()));
    config.put("controller.listener.names", "CONTROLLER");
    config.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    config.put("inter.broker.listener.name", "PLAINTEXT");
    StringJoiner quorum = new StringJoiner(",");
    for (int id : voterIds(spec)) {
      String host =
          ControllerIds.dedicated(spec)
              ? ClusterNames.controllerHost(cluster, id)
              : ClusterNames.brokerHost(cluster, id);
      quorum.add(id + "@" + host + ":" + spec.getListeners().getControllerPort());
    }
    config.put("controller.quorum.voters", quorum.toString());
    QuorumIdentityModel.clusterId(cluster)
        .ifPresent(id -> config.put(QuorumIdentityModel.CLUSTER_ID, id));
    if (QuorumIdentityModel.autoJoin(cluster)) {
      config.put(QuorumIdentityModel.AUTO_JOIN, "true");
    }
    return config;
  }

  /**
   * The keys of {@code spec.config} brokers change at run time: applied as the cluster-wide dynamic
   * broker configs, never written to {@code server.properties}, so changing or removing one
   * restarts nobody (and a removed key cannot linger in a broker's properties).
   */
  public static Map<String, String> dynamicDefaults(ClusterSpec spec) {
    Map<String, String> dynamic = new TreeMap<>();
    spec.getConfig().entrySet().stream()
        .filter(e -> BrokerConfigKeys.isDynamic(e.getKey()))
        .forEach(e -> dynamic.put(e.getKey(), e.getValue()));
    return dynamic;
  }

  /**
   * {@code config} without what only a broker's first start reads (joining the quorum rather than
   * forming it): the text whose hash decides restarts, so the quorum forming restarts nobody.
   */
  public static Map<String, String> restartRelevant(Map<String, String> config) {
    Map<String, String> relevant = new TreeMap<>(config);
    relevant.remove(QuorumIdentityModel.AUTO_JOIN);
    return relevant;
  }

  /** {@link #config} as a properties file; stable text, so that its hash changes only with it. */
  public static String render(Map<String, String> config) {
    StringBuilder text = new StringBuilder("# Generated by brook-operator; edit the Cluster.\n");
    config.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
    return text.toString();
  }
}
