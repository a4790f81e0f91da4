package dev.brook.broker.group;

import dev.brook.broker.group.GroupRecord.GroupMetadata;
import dev.brook.broker.group.GroupRecord.OffsetCommit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounds the growth of {@code __consumer_offsets} without log compaction: once enough records were
 * appended to a partition, its live state is written anew at the log end and the records before it
 * are dropped.
 *
 * <ol>
 *   <li>Close the partition's write gate and wait until no append is in flight; appends made from
 *       now on are held back.
 *   <li>Read the durable state of every group of the partition: committed offsets and the last
 *       persisted membership record. In-memory changes not yet durable are not in it; their records
 *       are among the held appends.
 *   <li>Note the log end offset S, append the state records (in batches), then reopen the gate:
 *       held appends follow the snapshot in the log.
 *   <li>Once the snapshot is durable, drop the records below S. Replaying from S yields the same
 *       state: every key live at S has its value in the snapshot or later, and deleted keys have no
 *       record left.
 * </ol>
 */
final class OffsetsSnapshotter {
  private static final Logger LOG = LoggerFactory.getLogger(OffsetsSnapshotter.class);
  private static final int RECORDS_PER_BATCH = 500;

  private final GroupCoordinatorConfig config;
  private final GroupRegistry registry;
  private final GroupWriter writer;
  private final OffsetsLog offsetsLog;
  private final Executor executor;
  private final Set<Integer> running = ConcurrentHashMap.newKeySet();

  OffsetsSnapshotter(
      GroupCoordinatorConfig config,
      GroupRegistry registry,
      GroupWriter writer,
      OffsetsLog offsetsLog,
      Executor executor) {
    this.config = config;
    this.registry = registry;
    this.writer = writer;
    this.offsetsLog = offsetsLog;
    this.executor = executor;
  }

  /** Snapshots every active partition that grew by at least the configured number of records. */
  void run() {
    if (config.offsetsSnapshotMinRecords() == 0) {
      return;
    }
    for (int partition = 0; partition < config.offsetsTopicPartitions(); partition++) {
      if (registry.isActive(partition)
          && writer.appendedSinceSnapshot(partition) >= config.offsetsSnapshotMinRecords()) {
        snapshot(partition);
      }
    }
  }

  /** Takes a snapshot of one partition; completes when it is written (or was skipped). */
  CompletableFuture<Void> snapshot(int partition) {
    if (offsetsLog.logEndOffset(partition) < 0 || !running.add(partition)) {
      return CompletableFuture.completedFuture(null);
    }
    return writer
        .closeAndDrain(partition)
        .thenComposeAsync(drained -> writeSnapshot(partition), executor)
        .whenComplete(
            (ignored, failure) -> {
              running.remove(partition);
              if (failure != null) {
                LOG.warn("Snapshot of offsets partition {} failed", partition, failure);
              }
            });
  }

  private CompletableFuture<Void> writeSnapshot(int partition) {
    List<CompletableFuture<Void>> appends = new ArrayList<>();
    long startOffset;
    List<GroupRecord> records;
    try {
      if (!registry.isActive(partition)) {
        return CompletableFuture.completedFuture(null);
      }
      records = liveRecords(partition);
      startOffset = offsetsLog.logEndOffset(partition);
      for (int from = 0; from < records.size(); from += RECORDS_PER_BATCH) {
        List<GroupRecord> batch =
            records.subList(from, Math.min(records.size(), from + RECORDS_PER_BATCH));
        appends.add(writer.appendDirect(partition, batch));
      }
    } finally {
      writer.open(partition);
    }
    return CompletableFuture.allOf(appends.toArray(CompletableFuture[]::new))
        .thenRun(
            () -> {
              offsetsLog.deleteRecordsBefore(partition, startOffset);
              LOG.info(
                  "Snapshot of offsets partition {}: {} live records from offset {}",
                  partition,
                  records.size(),
                  startOffset);
            });
  }

  /**
   * The durable state of the partition's groups, including groups whose deletion is still being
   * written (their tombstones follow the snapshot in the log).
   */
  private List<GroupRecord> liveRecords(int partition) {
    List<GroupRecord> records = new ArrayList<>();
    Set<ClassicGroup> groups = new LinkedHashSet<>(registry.groupsOf(partition));
    groups.addAll(registry.deletingOf(partition));
    for (ClassicGroup group : groups) {
      synchronized (group) {
        if (group.persistedMembership() != null) {
          records.add(new GroupMetadata(group.groupId(), group.persistedMembership()));
        }
        group
            .offsets()
            .forEach((tp, offset) -> records.add(new OffsetCommit(group.groupId(), tp, offset)));
      }
    }
    return records;
  }
}
