package dev.brook.bench;

import java.nio.file.Path;

/**
 * One broker process of a benchmark cluster: a combined broker and controller on loopback.
 *
 * @param nodeId KRaft {@code node.id}, 1-based
 * @param host loopback address the node binds to
 * @param clientPort port of the PLAINTEXT listener
 * @param controllerPort port of the CONTROLLER listener
 * @param dir the node's own directory: config, data under {@code data/}, log in {@code node.log}
 */
public record NodeSpec(int nodeId, String host, int clientPort, int controllerPort, Path dir) {

  public String clientAddress() {
    return host + ":" + clientPort;
  }

  public String voter() {
    return nodeId + "@" + host + ":" + controllerPort;
  }

  public Path dataDir() {
    return dir.resolve("data");
  }

  public Path configFile() {
    return dir.resolve("server.properties");
  }

  public Path logFile() {
    return dir.resolve("node.log");
  }
}
