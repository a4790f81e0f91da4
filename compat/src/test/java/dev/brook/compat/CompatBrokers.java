package dev.brook.compat;

import dev.brook.testing.BrokerCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The packaged broker processes the compatibility tests share: one per {@link Topology}, started on
 * first use and kept for the rest of the test JVM (each test uses topics and groups of its own), so
 * that a dozen clients cost two cluster starts. {@link dev.brook.testing.BrokerProcess} kills the
 * processes when the JVM exits.
 */
final class CompatBrokers {

  private static final Path WORK_DIR =
      Path.of(System.getProperty("brook.compat.work.dir", "target/compat"));

  private static final Map<Topology, BrokerCluster> STARTED = new EnumMap<>(Topology.class);

  private CompatBrokers() {}

  /** The bootstrap servers of the brokers of {@code topology}, starting them if needed. */
  static synchronized String bootstrapServers(Topology topology) {
    return STARTED.computeIfAbsent(topology, CompatBrokers::start).bootstrapServers();
  }

  private static BrokerCluster start(Topology topology) {
    Path dir = WORK_DIR.resolve(topology.name().toLowerCase(java.util.Locale.ROOT));
    try {
      deleteRecursively(dir); // a previous run's data belongs to another cluster id
      Files.createDirectories(dir);
      List<String> racks = List.of("zone-a", "zone-b", "zone-c").subList(0, topology.nodes());
      Map<String, String> settings =
          topology.nodes() > 1 ? Map.of("min.insync.replicas", "2") : Map.of();
      return new BrokerCluster(dir, topology.nodes(), racks, settings).start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the " + topology + " brokers", e);
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (java.util.stream.Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
