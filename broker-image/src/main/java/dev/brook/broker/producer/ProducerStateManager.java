package dev.brook.broker.producer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.RecordBatch;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The idempotent-producer state of one partition: per producer id, the entry of {@link
 * ProducerStateEntry}, up to {@link #mapEndOffset()} (the offset after the last batch applied).
 *
 * <p>Snapshots ({@code <offset>.snapshot} in the partition directory, see {@link
 * ProducerSnapshotFile}) are taken when a segment rolls and on clean close; on load the owning log
 * restores the latest snapshot at or below its end offset and replays the batches after it.
 *
 * <p>Thread-safety: mutations are serialized by the owning log's lock; reads of entries may come
 * from other threads and see a consistent entry per producer.
 */
public final class ProducerStateManager {

  public static final long DEFAULT_PRODUCER_ID_EXPIRATION_MS = 86_400_000L;

  private static final Logger LOG = LoggerFactory.getLogger(ProducerStateManager.class);

  private final Path dir;
  private final TopicPartition topicPartition;
  private final long producerIdExpirationMs;
  private final Time time;
  private final Map<Long, ProducerStateEntry> producers = new ConcurrentHashMap<>();
  private final NavigableSet<Long> snapshotOffsets = new TreeSet<>();
  private volatile long mapEndOffset;

  public ProducerStateManager(
      Path dir, TopicPartition topicPartition, long producerIdExpirationMs, Time time)
      throws IOException {
    this.dir = dir;
    this.topicPartition = topicPartition;
    this.producerIdExpirationMs = producerIdExpirationMs;
    this.time = time;
    try (Stream<Path> files = Files.list(dir)) {
      files.forEach(this::registerSnapshotFile);
    }
  }

  private void registerSnapshotFile(Path file) {
    String name = file.getFileName().toString();
    if (name.endsWith(".snapshot.tmp")) {
      deleteQuietly(file);
    }
    ProducerSnapshots.offsetOf(name).ifPresent(snapshotOffsets::add);
  }

  public TopicPartition topicPartition() {
    return topicPartition;
  }

  /** The offset after the last batch whose producer state is applied. */
  public long mapEndOffset() {
    return mapEndOffset;
  }

  public Optional<ProducerStateEntry> lastEntry(long producerId) {
    return Optional.ofNullable(producers.get(producerId));
  }

  public Map<Long, ProducerStateEntry> activeProducers() {
    return Map.copyOf(producers);
  }

  /** Starts staging the producer changes of one append call. */
  public ProducerAppend prepareAppend() {
    return new ProducerAppend(this);
  }

  /** Applies a staged append once its batches are in the log; {@code endOffset} follows them. */
  public void complete(ProducerAppend append, long endOffset) {
    producers.putAll(append.staged());
    mapEndOffset = endOffset;
  }

  /** Applies a batch read back from the log, without sequence checks (recovery, replication). */
  public void replay(RecordBatch batch) {
    ProducerAppend append = prepareAppend();
    append.recordWritten(batch);
    complete(append, batch.nextOffset());
  }

  public void updateMapEndOffset(long offset) {
    mapEndOffset = offset;
  }

  /** Forgets producers whose last write is older than {@code producer.id.expiration.ms}. */
  public int removeExpiredProducers() {
    long now = time.milliseconds();
    List<Long> expired = new ArrayList<>();
    producers.forEach(
        (id, entry) -> {
          if (now - entry.lastTimestamp() >= producerIdExpirationMs) {
            expired.add(id);
          }
        });
    expired.forEach(producers::remove);
    return expired.size();
  }

  /** Forgets producers whose batches all lie below the new log start offset. */
  public void onLogStartOffsetIncremented(long logStartOffset) {
    producers.values().removeIf(entry -> entry.lastOffset() < logStartOffset);
    deleteSnapshotsBelow(logStartOffset);
  }

  /** Writes the current state as the snapshot at {@link #mapEndOffset()}. */
  public void takeSnapshot() throws IOException {
    long offset = mapEndOffset;
    ProducerSnapshotFile.write(ProducerSnapshots.file(dir, offset), producers.values());
    synchronized (snapshotOffsets) {
      snapshotOffsets.add(offset);
    }
  }

  public OptionalLong latestSnapshotOffset() {
    synchronized (snapshotOffsets) {
      return snapshotOffsets.isEmpty()
          ? OptionalLong.empty()
          : OptionalLong.of(snapshotOffsets.last());
    }
  }

  /**
   * Resets the state to the latest readable snapshot at or below {@code logEndOffset} (dropping
   * snapshots above it), or to empty at {@code logStartOffset}; the caller then replays the log
   * from {@link #mapEndOffset()}.
   */
  public void truncateAndReload(long logStartOffset, long logEndOffset) throws IOException {
    deleteSnapshotsAbove(logEndOffset);
    deleteSnapshotsBelow(logStartOffset);
    producers.clear();
    mapEndOffset = logStartOffset;
    while (true) {
      OptionalLong latest = latestSnapshotOffset();
      if (latest.isEmpty()) {
        return;
      }
      Path file = ProducerSnapshots.file(dir, latest.getAsLong());
      try {
        for (ProducerStateEntry entry : ProducerSnapshotFile.read(file)) {
          producers.put(entry.producerId(), entry);
        }
        mapEndOffset = latest.getAsLong();
        return;
      } catch (IOException | RuntimeException e) {
        LOG.warn("Ignoring unreadable producer snapshot {}: {}", file, e.toString());
        producers.clear();
        removeSnapshot(latest.getAsLong());
      }
    }
  }

  /** Drops all state and snapshots: the log restarts empty at {@code offset}. */
  public void truncateFullyAndStartAt(long offset) throws IOException {
    producers.clear();
    deleteSnapshotsAbove(-1L);
    mapEndOffset = offset;
  }

  public void deleteSnapshotsAbove(long offset) {
    for (long snapshot : snapshotsMatching(true, offset)) {
      removeSnapshot(snapshot);
    }
  }

  public void deleteSnapshotsBelow(long offset) {
    for (long snapshot : snapshotsMatching(false, offset)) {
      removeSnapshot(snapshot);
    }
  }

  private List<Long> snapshotsMatching(boolean above, long offset) {
    synchronized (snapshotOffsets) {
      return new ArrayList<>(
          above ? snapshotOffsets.tailSet(offset, false) : snapshotOffsets.headSet(offset, false));
    }
  }

  private void removeSnapshot(long offset) {
    synchronized (snapshotOffsets) {
      snapshotOffsets.remove(offset);
    }
    deleteQuietly(ProducerSnapshots.file(dir, offset));
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete " + file, e);
    }
  }
}
