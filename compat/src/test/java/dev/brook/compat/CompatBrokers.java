package dev.brook.compat;

import dev.brook.testing.BrokerCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

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

  /**
   * A cluster of {@code topology} of the caller's own, started now, for a test of what clients meet
   * right after a start (the shared ones have long settled when most tests get them); the caller
   * closes it. Its data is under {@code <work dir>/<name>-<topology>}.
   */
  static BrokerCluster startFresh(Topology topology, String name) {
    return start(topology, WORK_DIR.resolve(name + "-" + topology.name().toLowerCase(Locale.ROOT)));
  }

  private static BrokerCluster start(Topology topology) {
    return start(topology, WORK_DIR.resolve(topology.name().toLowerCase(Locale.ROOT)));
  }

  /** Starts in an empty {@code dir}: data a previous run left there belongs to another cluster. */
  private static BrokerCluster start(Topology topology, Path dir) {
    try {
      deleteRecursively(dir);
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
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
