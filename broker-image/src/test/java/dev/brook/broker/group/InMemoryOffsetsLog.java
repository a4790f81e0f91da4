package dev.brook.broker.group;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.MutableRecordBatch;
import org.apache.kafka.common.record.Record;

/**
 * An {@link OffsetsLog} that keeps appended batches in memory with real offsets, validates them
 * like a broker would, supports dropping records below an offset, and can be told to fail appends
 * or to hold their completion.
 */
final class InMemoryOffsetsLog implements OffsetsLog {
  private final Map<Integer, PartitionLog> partitions = new ConcurrentHashMap<>();
  private final Executor completions;
  private volatile RuntimeException failure;
  private volatile boolean holdCompletions;
  private final List<CompletableFuture<Void>> held = new ArrayList<>();

  /** Completes appends on the calling thread. */
  InMemoryOffsetsLog() {
    this(Runnable::run);
  }

  /** Completes appends on {@code completions}, as replication acknowledgements would. */
  InMemoryOffsetsLog(Executor completions) {
    this.completions = completions;
  }

  void failAppendsWith(RuntimeException failure) {
    this.failure = failure;
  }

  /** Appends are stored but acknowledged only by {@link #releaseHeld}, like slow replicas. */
  synchronized void holdCompletions() {
    holdCompletions = true;
  }

  void releaseHeld() {
    List<CompletableFuture<Void>> toComplete;
    synchronized (this) {
      holdCompletions = false;
      toComplete = new ArrayList<>(held);
      held.clear();
    }
    toComplete.forEach(f -> f.complete(null));
  }

  @Override
  public synchronized CompletableFuture<Void> append(int partition, MemoryRecords records) {
    RuntimeException current = failure;
    if (current != null) {
      return CompletableFuture.failedFuture(current);
    }
    PartitionLog log = partitions.computeIfAbsent(partition, p -> new PartitionLog());
    for (MutableRecordBatch batch : records.batches()) {
      batch.ensureValid();
      batch.setLastOffset(log.endOffset + batch.lastOffset() - batch.baseOffset());
      log.endOffset = batch.lastOffset() + 1;
    }
    log.batches.add(records);
    if (holdCompletions) {
      CompletableFuture<Void> future = new CompletableFuture<>();
      held.add(future);
      return future;
    }
    return CompletableFuture.runAsync(() -> {}, completions);
  }

  @Override
  public synchronized void replay(int partition, Consumer<Record> visitor) {
    PartitionLog log = partitions.get(partition);
    if (log == null) {
      return;
    }
    for (MemoryRecords records : log.batches) {
      for (Record record : records.records()) {
        if (record.offset() >= log.startOffset) {
          visitor.accept(record);
        }
      }
    }
  }

  @Override
  public synchronized long logEndOffset(int partition) {
    return partitions.computeIfAbsent(partition, p -> new PartitionLog()).endOffset;
  }

  @Override
  public synchronized void deleteRecordsBefore(int partition, long offset) {
    PartitionLog log = partitions.get(partition);
    log.startOffset = Math.max(log.startOffset, offset);
    log.batches.removeIf(b -> b.batches().iterator().next().lastOffset() < log.startOffset);
  }

  synchronized long logStartOffset(int partition) {
    return partitions.computeIfAbsent(partition, p -> new PartitionLog()).startOffset;
  }

  synchronized List<Record> records(int partition) {
    List<Record> result = new ArrayList<>();
    replay(partition, result::add);
    return result;
  }

  private static final class PartitionLog {
    private final List<MemoryRecords> batches = new ArrayList<>();
    private long startOffset;
    private long endOffset;
  }
}
