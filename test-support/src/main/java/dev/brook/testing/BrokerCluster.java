package dev.brook.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Several broker processes forming one cluster on loopback, each combining the broker and
 * controller roles (a Raft voter), configured with KRaft's keys, and optionally broker-only nodes
 * added later ({@link #addBrokerOnlyNode}). Node ids start at 1.
 */
public final class BrokerCluster implements AutoCloseable {

  private final List<BrokerProcess> nodes = new ArrayList<>();
  private final Path workDir;
  private final String voters;
  private final Map<String, String> overrides;
  private final int offsetsReplicationFactor;

  public BrokerCluster(Path workDir, int size, List<String> racks, Map<String, String> overrides)
      throws IOException {
    this.workDir = workDir;
    this.overrides = Map.copyOf(overrides);
    this.offsetsReplicationFactor = Math.min(3, size);
    List<Integer> clientPorts = new ArrayList<>();
    List<Integer> controllerPorts = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      clientPorts.add(FreePorts.next());
      controllerPorts.add(FreePorts.next());
    }
    this.voters =
        java.util.stream.IntStream.range(0, size)
            .mapToObj(i -> (i + 1) + "@127.0.0.1:" + controllerPorts.get(i))
            .collect(Collectors.joining(","));
    for (int i = 0; i < size; i++) {
      Map<String, String> settings = commonSettings(i + 1, clientPorts.get(i));
      settings.put("process.roles", "broker,controller");
      settings.put(
          "listeners",
          "PLAINTEXT://127.0.0.1:"
              + clientPorts.get(i)
              + ",CONTROLLER://127.0.0.1:"
              + controllerPorts.get(i));
      if (racks != null) {
        settings.put("broker.rack", racks.get(i));
      }
      settings.putAll(overrides);
      nodes.add(
          new BrokerProcess(workDir.resolve("node-" + (i + 1)), clientPorts.get(i), settings));
    }
  }

  private Map<String, String> commonSettings(int nodeId, int clientPort) {
    Map<String, String> settings = new HashMap<>();
    settings.put("node.id", Integer.toString(nodeId));
    settings.put("controller.quorum.voters", voters);
    settings.put("controller.listener.names", "CONTROLLER");
    settings.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + clientPort);
    settings.put("broker.heartbeat.interval.ms", "500");
    settings.put("broker.session.timeout.ms", "3000");
    settings.put("replica.lag.time.max.ms", "4000");
    settings.put("offsets.topic.replication.factor", Integer.toString(offsetsReplicationFactor));
    return settings;
  }

  /**
   * A broker-only node ({@code process.roles=broker}, the next node id, only a client listener)
   * with the same voters; not started.
   */
  public BrokerProcess addBrokerOnlyNode() throws IOException {
    int nodeId = nodes.size() + 1;
    int clientPort = FreePorts.next();
    Map<String, String> settings = commonSettings(nodeId, clientPort);
    settings.put("process.roles", "broker");
    settings.put("listeners", "PLAINTEXT://127.0.0.1:" + clientPort);
    settings.putAll(overrides);
    BrokerProcess node = new BrokerProcess(workDir.resolve("node-" + nodeId), clientPort, settings);
    nodes.add(node);
    return node;
  }

  public BrokerCluster start() throws IOException {
    for (BrokerProcess node : nodes) {
      node.startWithoutWaiting();
    }
    for (BrokerProcess node : nodes) {
      node.awaitServing();
    }
    return this;
  }

  public BrokerProcess node(int id) {
    return nodes.get(id - 1);
  }

  public List<BrokerProcess> nodes() {
    return nodes;
  }

  public String bootstrapServers() {
    return nodes.stream().map(BrokerProcess::bootstrapServers).collect(Collectors.joining(","));
  }

  @Override
  public void close() throws InterruptedException {
    for (BrokerProcess node : nodes) {
      node.close();
    }
  }
}
