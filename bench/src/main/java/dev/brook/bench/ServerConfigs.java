package dev.brook.bench;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Builds the {@code server.properties} of a benchmark node, with Kafka's key names, for Apache
 * Kafka and for Brook. Both get the same broker settings; only what Brook does not need differs (a
 * single Brook node is a complete cluster without any KRaft keys).
 */
public final class ServerConfigs {

  private ServerConfigs() {}

  /** Settings that shape the measured path, identical for both systems. */
  static Map<String, String> common(NodeSpec node, BenchSettings settings) {
    Map<String, String> config = new TreeMap<>();
    config.put("log.dirs", node.dataDir().toString());
    config.put("num.partitions", Integer.toString(settings.partitions()));
    config.put("default.replication.factor", Integer.toString(settings.replicationFactor()));
    config.put("offsets.topic.replication.factor", Integer.toString(settings.replicationFactor()));
    config.put("auto.create.topics.enable", "false");
    // Kafka waits 3 s for more members before the first rebalance; the consumer run measures
    // fetching, not that pause.
    config.put("group.initial.rebalance.delay.ms", "0");
    return config;
  }

  /** KRaft keys of a combined broker and controller in the quorum formed by {@code cluster}. */
  static Map<String, String> kraft(NodeSpec node, List<NodeSpec> cluster) {
    Map<String, String> config = new TreeMap<>();
    config.put("node.id", Integer.toString(node.nodeId()));
    config.put("process.roles", "broker,controller");
    config.put(
        "controller.quorum.voters",
        cluster.stream().map(NodeSpec::voter).collect(Collectors.joining(",")));
    config.put("controller.listener.names", "CONTROLLER");
    config.put(
        "listeners",
        "PLAINTEXT://"
            + node.clientAddress()
            + ",CONTROLLER://"
            + node.host()
            + ":"
            + node.controllerPort());
    config.put("advertised.listeners", "PLAINTEXT://" + node.clientAddress());
    config.put("inter.broker.listener.name", "PLAINTEXT");
    config.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    return config;
  }

  public static Map<String, String> kafka(
      NodeSpec node, List<NodeSpec> cluster, BenchSettings settings) {
    Map<String, String> config = common(node, settings);
    config.putAll(kraft(node, cluster));
    String internalReplicas = Integer.toString(settings.replicationFactor());
    config.put("transaction.state.log.replication.factor", internalReplicas);
    config.put("transaction.state.log.min.isr", Integer.toString(minInsyncReplicas(settings)));
    config.put("share.coordinator.state.topic.replication.factor", internalReplicas);
    config.put(
        "share.coordinator.state.topic.min.isr", Integer.toString(minInsyncReplicas(settings)));
    return config;
  }

  public static Map<String, String> brook(
      NodeSpec node, List<NodeSpec> cluster, BenchSettings settings) {
    Map<String, String> config = common(node, settings);
    if (settings.replicated()) {
      config.putAll(kraft(node, cluster));
    } else {
      config.put("listeners", "PLAINTEXT://" + node.clientAddress());
      config.put("advertised.listeners", "PLAINTEXT://" + node.clientAddress());
    }
    return config;
  }

  /** {@code min.insync.replicas} of the benchmark topics: 2 of 3 when replicated, else 1. */
  public static int minInsyncReplicas(BenchSettings settings) {
    return settings.replicated() ? 2 : 1;
  }

  /** Renders a config as a properties file, keys sorted so runs can be diffed. */
  public static String render(Map<String, String> config) {
    StringBuilder text = new StringBuilder("# written by brook-bench\n");
    new TreeMap<>(config).forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
    return text.toString();
  }
}
