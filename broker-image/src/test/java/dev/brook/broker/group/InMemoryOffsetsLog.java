package dev.brook.broker.group;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.MutableRecordBatch;
import org.apache.kafka.common.record.Record;

/**
 * An {@link OffsetsLog} that keeps appended batches in memory, validates them like a broker would,
 * and can be told to fail appends.
 */
final class InMemoryOffsetsLog implements OffsetsLog {
  private final Map<Integer, List<MemoryRecords>> partitions = new ConcurrentHashMap<>();
  private volatile RuntimeException failure;
  private final java.util.concurrent.Executor completions;

  /** Completes appends on the calling thread. */
  InMemoryOffsetsLog() {
    this(Runnable::run);
  }

  /** Completes appends on {@code completions}, as replication acknowledgements would. */
  InMemoryOffsetsLog(java.util.concurrent.Executor completions) {
    this.completions = completions;
  }

  void failAppendsWith(RuntimeException failure) {
    this.failure = failure;
  }

  @Override
  public synchronized CompletableFuture<Void> append(int partition, MemoryRecords records) {
    RuntimeException current = failure;
    if (current != null) {
      return CompletableFuture.failedFuture(current);
    }
    for (MutableRecordBatch batch : records.batches()) {
      batch.ensureValid();
    }
    partitions.computeIfAbsent(partition, p -> new ArrayList<>()).add(records);
    return CompletableFuture.runAsync(() -> {}, completions);
  }

  @Override
  public synchronized void replay(int partition, Consumer<Record> visitor) {
    for (MemoryRecords records : partitions.getOrDefault(partition, List.of())) {
      records.records().forEach(visitor);
    }
  }

  synchronized List<Record> records(int partition) {
    List<Record> result = new ArrayList<>();
    replay(partition, result::add);
    return result;
  }
}
