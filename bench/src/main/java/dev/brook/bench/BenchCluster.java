package dev.brook.bench;

import dev.brook.testing.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A running cluster of one system: its node processes on loopback, each with its own directory
 * under the work dir. Kafka nodes are formatted with {@code kafka.tools.StorageTool} first, as
 * {@code kafka-storage.sh format} would; Brook formats itself.
 */
public final class BenchCluster implements AutoCloseable {

  private static final String HOST = "127.0.0.1";
  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);
  private static final Duration FORMAT_TIMEOUT = Duration.ofSeconds(60);

  private final SystemKind kind;
  private final List<NodeSpec> nodes;
  private final Map<Integer, ManagedProcess> processes = new LinkedHashMap<>();

  private BenchCluster(SystemKind kind, List<NodeSpec> nodes) {
    this.kind = kind;
    this.nodes = List.copyOf(nodes);
  }

  /** Writes configs, formats (Kafka), starts every node and waits until all brokers serve. */
  public static BenchCluster start(SystemKind kind, BenchSettings settings) {
    return start(kind, settings, Map.of());
  }

  /**
   * As {@link #start(SystemKind, BenchSettings)}, with {@code overrides} replacing or adding broker
   * settings on every node of either system (the semantics probe runs with auto topic creation on).
   */
  public static BenchCluster start(
      SystemKind kind, BenchSettings settings, Map<String, String> overrides) {
    List<NodeSpec> nodes = layout(kind, settings);
    BenchCluster cluster = new BenchCluster(kind, nodes);
    try {
      for (NodeSpec node : nodes) {
        Files.createDirectories(node.dataDir());
        Map<String, String> config = new TreeMap<>(kind.config(node, nodes, settings));
        config.putAll(overrides);
        Files.writeString(node.configFile(), ServerConfigs.render(config));
      }
      if (kind == SystemKind.KAFKA) {
        formatKafkaStorage(nodes, settings);
      }
      for (NodeSpec node : nodes) {
        cluster.processes.put(
            node.nodeId(),
            ManagedProcess.start(
                kind.displayName() + " node " + node.nodeId(),
                kind.command(node, settings),
                node.logFile()));
      }
      cluster.awaitReady();
      return cluster;
    } catch (IOException e) {
      cluster.close();
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  public SystemKind kind() {
    return kind;
  }

  public List<NodeSpec> nodes() {
    return nodes;
  }

  public String bootstrapServers() {
    return nodes.stream().map(NodeSpec::clientAddress).collect(Collectors.joining(","));
  }

  public ManagedProcess process(int nodeId) {
    return processes.get(nodeId);
  }

  public Admin admin() {
    return admin(bootstrapServers());
  }

  private static Admin admin(String bootstrapServers) {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000");
    return Admin.create(props);
  }

  /** Stops every node still running (SIGTERM, then SIGKILL). */
  @Override
  public void close() {
    processes.values().forEach(ManagedProcess::close);
  }

  private static List<NodeSpec> layout(SystemKind kind, BenchSettings settings) {
    Path systemDir = settings.systemDir(kind);
    List<NodeSpec> nodes = new ArrayList<>();
    for (int id = 1; id <= settings.brokers(); id++) {
      nodes.add(
          new NodeSpec(
              id, HOST, FreePorts.next(), FreePorts.next(), systemDir.resolve("node-" + id)));
    }
    return nodes;
  }

  private static void formatKafkaStorage(List<NodeSpec> nodes, BenchSettings settings) {
    String clusterId = Uuid.randomUuid().toString();
    for (NodeSpec node : nodes) {
      List<String> args =
          List.of(
              "format", "-t", clusterId, "-c", node.configFile().toString(), "--ignore-formatted");
      ManagedProcess format =
          ManagedProcess.start(
              "kafka-storage format node " + node.nodeId(),
              JavaCommand.mainClass(
                  settings.toolJvmOptions(),
                  SystemKind.SERVER_LOG4J,
                  "kafka.tools.StorageTool",
                  args),
              node.dir().resolve("format.log"));
      if (format.awaitExit(FORMAT_TIMEOUT) != 0) {
        throw new BenchException(
            "formatting Kafka storage failed for node "
                + node.nodeId()
                + ":\n"
                + format.logTail(20));
      }
    }
  }

  private void awaitReady() {
    long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
    for (NodeSpec node : nodes) {
      while (!accepts(node)) {
        failIfDeadOrLate(deadline);
        pause();
      }
    }
    if (nodes.size() > 1) {
      requireOneCluster(deadline);
    }
    try (Admin admin = admin()) {
      while (registeredBrokers(admin) < nodes.size()) {
        failIfDeadOrLate(deadline);
        pause();
      }
    }
  }

  /**
   * Nodes that do not know the quorum keys each start a cluster of their own; asking each node for
   * its cluster id tells that at once, instead of waiting for three brokers that never register.
   */
  private void requireOneCluster(long deadline) {
    Map<Integer, String> clusterIds = new TreeMap<>();
    for (NodeSpec node : nodes) {
      try (Admin admin = admin(node.clientAddress())) {
        Optional<String> clusterId = clusterId(admin);
        while (clusterId.isEmpty()) {
          failIfDeadOrLate(deadline);
          pause();
          clusterId = clusterId(admin);
        }
        clusterIds.put(node.nodeId(), clusterId.get());
      }
    }
    if (new HashSet<>(clusterIds.values()).size() > 1) {
      throw new BenchException(
          kind.displayName()
              + ": the nodes formed separate clusters instead of one (cluster id by node: "
              + clusterIds
              + ")");
    }
  }

  private static Optional<String> clusterId(Admin admin) {
    try {
      return Optional.ofNullable(admin.describeCluster().clusterId().get(5, TimeUnit.SECONDS));
    } catch (ExecutionException | TimeoutException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BenchException("interrupted while waiting for the cluster", e);
    }
  }

  private static int registeredBrokers(Admin admin) {
    try {
      return admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).size();
    } catch (ExecutionException | TimeoutException e) {
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BenchException("interrupted while waiting for the cluster", e);
    }
  }

  private void failIfDeadOrLate(long deadline) {
    for (ManagedProcess process : processes.values()) {
      if (!process.isAlive()) {
        throw new BenchException(
            process.name()
                + " exited during startup (log: "
                + process.logFile()
                + "); its last lines:\n"
                + process.logTail(15));
      }
    }
    if (System.nanoTime() > deadline) {
      throw new BenchException(
          kind.displayName()
              + ": "
              + nodes.size()
              + " node(s) did not all serve within "
              + STARTUP_TIMEOUT.toSeconds()
              + " s; logs under "
              + nodes.get(0).dir().getParent());
    }
  }

  private static boolean accepts(NodeSpec node) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(node.host(), node.clientPort()), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static void pause() {
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BenchException("interrupted while waiting for the cluster", e);
    }
  }
}
