package dev.brook.broker;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.ConfigException;

/**
 * {@code meta.properties} in each log directory, as Kafka keeps it: format version, cluster id and
 * node id. The first start writes it (a new random cluster id); later starts check that every
 * directory belongs to this node and one cluster, so a misplaced directory is never adopted.
 */
record ClusterMetaProperties(String clusterId, int nodeId) {

  static final String FILE_NAME = "meta.properties";
  private static final String VERSION = "1";

  static ClusterMetaProperties loadOrCreate(java.util.List<Path> logDirs, int nodeId)
      throws IOException {
    return loadOrCreate(logDirs, nodeId, java.util.Optional.empty());
  }

  /**
   * As {@link #loadOrCreate(java.util.List, int)}, but the cluster id is dictated (a quorum derives
   * it from its voters): a directory of another cluster is refused, a new one gets this id.
   */
  static ClusterMetaProperties loadOrCreate(
      java.util.List<Path> logDirs, int nodeId, java.util.Optional<String> requiredClusterId)
      throws IOException {
    String clusterId = requiredClusterId.orElse(null);
    for (Path dir : logDirs) {
      Path file = dir.resolve(FILE_NAME);
      if (Files.exists(file)) {
        ClusterMetaProperties found = read(file);
        if (found.nodeId() != nodeId) {
          throw new ConfigException("node.id", nodeId, file + " belongs to node " + found.nodeId());
        }
        if (clusterId != null && !clusterId.equals(found.clusterId())) {
          throw new ConfigException(
              "log.dirs",
              dir.toString(),
              "holds cluster " + found.clusterId() + ", not " + clusterId);
        }
        clusterId = found.clusterId();
      }
    }
    ClusterMetaProperties meta =
        new ClusterMetaProperties(
            clusterId != null ? clusterId : Uuid.randomUuid().toString(), nodeId);
    for (Path dir : logDirs) {
      Files.createDirectories(dir);
      if (!Files.exists(dir.resolve(FILE_NAME))) {
        meta.write(dir.resolve(FILE_NAME));
      }
    }
    return meta;
  }

  private static ClusterMetaProperties read(Path file) throws IOException {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file)) {
      properties.load(reader);
    }
    String clusterId = properties.getProperty("cluster.id");
    String nodeId = properties.getProperty("node.id");
    if (clusterId == null || nodeId == null) {
      throw new IOException(file + " lacks cluster.id or node.id");
    }
    return new ClusterMetaProperties(clusterId, Integer.parseInt(nodeId.trim()));
  }

  private void write(Path file) throws IOException {
    Properties properties = new Properties();
    properties.setProperty("version", VERSION);
    properties.setProperty("cluster.id", clusterId);
    properties.setProperty("node.id", Integer.toString(nodeId));
    Path temp = file.resolveSibling(FILE_NAME + ".tmp");
    try (Writer writer = Files.newBufferedWriter(temp)) {
      properties.store(writer, "Written by Brook on first start; do not edit");
    }
    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
