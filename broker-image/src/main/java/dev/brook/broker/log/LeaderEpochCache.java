package dev.brook.broker.log;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import org.apache.kafka.common.record.RecordBatch;

/**
 * Leader epoch to start offset of a partition log, persisted in {@code leader-epoch-checkpoint} (a
 * {@link CheckpointFile} of "epoch startOffset" lines). Epochs and start offsets both strictly
 * increase. Followers ask the leader for the end offset of their latest epoch
 * (OffsetForLeaderEpoch) and truncate to it, which keeps replicas from diverging after a leader
 * change.
 *
 * <p>Thread-safety: all methods are synchronized; mutations come from the log under its lock.
 */
public final class LeaderEpochCache {

  public static final String FILE_NAME = "leader-epoch-checkpoint";
  private static final int VERSION = 0;

  /** (epoch, end offset) answer for OffsetForLeaderEpoch; -1, -1 when the epoch is unknown. */
  public record EpochEndOffset(int epoch, long endOffset) {
    public static final EpochEndOffset UNDEFINED = new EpochEndOffset(-1, -1L);
  }

  private final CheckpointFile checkpoint;
  private final TreeMap<Integer, Long> epochs = new TreeMap<>();

  public LeaderEpochCache(Path partitionDir) {
    this.checkpoint = new CheckpointFile(partitionDir.resolve(FILE_NAME), VERSION);
    checkpoint
        .read()
        .ifPresent(
            lines -> {
              for (String line : lines) {
                String[] fields = line.split(" ");
                epochs.put(Integer.parseInt(fields[0]), Long.parseLong(fields[1]));
              }
            });
  }

  /**
   * Records that {@code epoch} starts at {@code startOffset}; entries that conflict with it (a
   * later or equal epoch, or a start offset at or after it) are dropped first.
   */
  public synchronized void assign(int epoch, long startOffset) {
    if (epoch == RecordBatch.NO_PARTITION_LEADER_EPOCH) {
      return;
    }
    Map.Entry<Integer, Long> latest = epochs.lastEntry();
    if (latest != null && latest.getKey() == epoch && latest.getValue() <= startOffset) {
      return;
    }
    epochs.tailMap(epoch, true).clear();
    epochs.values().removeIf(offset -> offset >= startOffset);
    epochs.put(epoch, startOffset);
    flush();
  }

  public synchronized OptionalInt latestEpoch() {
    return epochs.isEmpty() ? OptionalInt.empty() : OptionalInt.of(epochs.lastKey());
  }

  /**
   * The epoch of the record at {@code offset}: the latest epoch starting at or before it; empty
   * when no epoch starts that early (ListOffsets answers the epoch of the offset it returns).
   */
  public synchronized OptionalInt epochForOffset(long offset) {
    Map.Entry<Integer, Long> floor = floorByOffset(offset);
    return floor == null ? OptionalInt.empty() : OptionalInt.of(floor.getKey());
  }

  /**
   * The largest epoch at most {@code requestedEpoch} and the offset where the next epoch starts
   * (the log end offset for the latest epoch), as Kafka's leader answers OffsetForLeaderEpoch.
   */
  public synchronized EpochEndOffset endOffsetFor(int requestedEpoch, long logEndOffset) {
    if (requestedEpoch == RecordBatch.NO_PARTITION_LEADER_EPOCH || epochs.isEmpty()) {
      return EpochEndOffset.UNDEFINED;
    }
    if (requestedEpoch == epochs.lastKey()) {
      return new EpochEndOffset(requestedEpoch, logEndOffset);
    }
    Map.Entry<Integer, Long> higher = epochs.higherEntry(requestedEpoch);
    if (higher == null) {
      return EpochEndOffset.UNDEFINED;
    }
    Map.Entry<Integer, Long> floor = epochs.floorEntry(requestedEpoch);
    return floor == null
        ? new EpochEndOffset(requestedEpoch, higher.getValue())
        : new EpochEndOffset(floor.getKey(), higher.getValue());
  }

  /** Drops epochs starting at or after {@code endOffset}: the log was truncated there. */
  public synchronized void truncateFromEnd(long endOffset) {
    if (epochs.values().removeIf(offset -> offset >= endOffset)) {
      flush();
    }
  }

  /** Moves the first retained epoch's start up to the new log start offset. */
  public synchronized void truncateFromStart(long startOffset) {
    Map.Entry<Integer, Long> floor = floorByOffset(startOffset);
    if (floor == null) {
      return;
    }
    boolean olderEpochs = !epochs.headMap(floor.getKey(), false).isEmpty();
    if (!olderEpochs && floor.getValue() == startOffset) {
      return;
    }
    epochs.headMap(floor.getKey(), false).clear();
    epochs.put(floor.getKey(), startOffset);
    flush();
  }

  private Map.Entry<Integer, Long> floorByOffset(long offset) {
    Map.Entry<Integer, Long> result = null;
    for (Map.Entry<Integer, Long> entry : epochs.entrySet()) {
      if (entry.getValue() <= offset) {
        result = entry;
      }
    }
    return result;
  }

  public synchronized void clear() {
    epochs.clear();
    flush();
  }

  public synchronized Map<Integer, Long> entries() {
    return Map.copyOf(epochs);
  }

  private void flush() {
    List<String> lines = new ArrayList<>(epochs.size());
    epochs.forEach((epoch, offset) -> lines.add(epoch + " " + offset));
    checkpoint.write(lines);
  }
}
