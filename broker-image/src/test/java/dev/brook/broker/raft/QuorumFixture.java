package dev.brook.broker.raft;

import static org.awaitility.Awaitility.await;

import dev.brook.broker.metadata.MetadataApplier;
import dev.brook.broker.metadata.MetadataCache;
import dev.brook.broker.metadata.record.MetadataRecord;
import dev.brook.testing.FreePorts;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Three Ratis metadata journals in this JVM on loopback ports, each applying into its cache. */
final class QuorumFixture implements AutoCloseable {

  /** One commit as a node's handler saw it. */
  record Commit(long offset, List<MetadataRecord> records) {}

  static final RatisSettings FAST = new RatisSettings(10_000, 300, 600, 3_000);

  final QuorumVoters voters;
  final Path baseDir;
  final RatisSettings settings;
  final Map<Integer, RatisMetadataJournal> journals = new TreeMap<>();
  final Map<Integer, MetadataCache> caches = new TreeMap<>();
  final Map<Integer, List<Commit>> commits = new TreeMap<>();

  QuorumFixture(Path baseDir, RatisSettings settings) throws IOException {
    this.baseDir = baseDir;
    this.settings = settings;
    List<String> entries = new ArrayList<>();
    for (int id = 1; id <= 3; id++) {
      entries.add(id + "@127.0.0.1:" + FreePorts.next());
    }
    this.voters = QuorumVoters.parse(entries);
  }

  QuorumFixture startAll() {
    for (int id = 1; id <= 3; id++) {
      start(id);
    }
    return this;
  }

  void start(int id) {
    MetadataCache cache = new MetadataCache();
    List<Commit> seen = new CopyOnWriteArrayList<>();
    MetadataApplier applier = new MetadataApplier(cache);
    RatisMetadataJournal journal =
        new RatisMetadataJournal(voters, id, baseDir.resolve("node-" + id), settings);
    journal.start(
        (offset, records) -> {
          seen.add(new Commit(offset, records));
          applier.onCommit(offset, records);
        });
    journals.put(id, journal);
    caches.put(id, cache);
    commits.put(id, seen);
  }

  void stop(int id) {
    journals.remove(id).close();
  }

  /** Waits for an active controller among the running nodes and returns its id. */
  int awaitActive() {
    return await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(50))
        .until(
            () ->
                journals.entrySet().stream()
                    .filter(e -> e.getValue().isActive())
                    .map(Map.Entry::getKey)
                    .findFirst()
                    .orElse(-1),
            id -> id > 0);
  }

  @Override
  public void close() {
    new ArrayList<>(journals.keySet()).forEach(this::stop);
  }
}
