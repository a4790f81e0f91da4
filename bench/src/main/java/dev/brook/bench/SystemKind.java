package dev.brook.bench;

import java.util.List;
import java.util.Map;

/** The two systems under comparison and how each one's nodes are configured and launched. */
public enum SystemKind {
  KAFKA("Kafka") {
    @Override
    Map<String, String> config(NodeSpec node, List<NodeSpec> cluster, BenchSettings settings) {
      return ServerConfigs.kafka(node, cluster, settings);
    }

    @Override
    List<String> command(NodeSpec node, BenchSettings settings) {
      return JavaCommand.mainClass(
          settings.serverJvmOptions(),
          SERVER_LOG4J,
          "kafka.Kafka",
          List.of(node.configFile().toString()));
    }
  },

  BROOK("Brook") {
    @Override
    Map<String, String> config(NodeSpec node, List<NodeSpec> cluster, BenchSettings settings) {
      return ServerConfigs.brook(node, cluster, settings);
    }

    @Override
    List<String> command(NodeSpec node, BenchSettings settings) {
      return JavaCommand.jar(
          settings.serverJvmOptions(), settings.brookJar(), List.of(node.configFile().toString()));
    }
  };

  static final String SERVER_LOG4J = "bench-server-log4j2.properties";

  private final String displayName;

  SystemKind(String displayName) {
    this.displayName = displayName;
  }

  public String displayName() {
    return displayName;
  }

  abstract Map<String, String> config(
      NodeSpec node, List<NodeSpec> cluster, BenchSettings settings);

  abstract List<String> command(NodeSpec node, BenchSettings settings);
}
