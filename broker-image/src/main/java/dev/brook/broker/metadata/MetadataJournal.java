package dev.brook.broker.metadata;

import dev.brook.broker.metadata.record.MetadataRecord;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The durable, ordered log of metadata records. A single-node cluster keeps it in a local log; a
 * multi-node cluster replicates it through the controller quorum. Committed records reach the
 * {@link CommitHandler} in log order, exactly once per process: first everything already in the log
 * (replay at start), then each new commit.
 */
public interface MetadataJournal extends AutoCloseable {

  @FunctionalInterface
  interface CommitHandler {
    /** {@code lastOffset} is the log offset of the last record in {@code records}. */
    void onCommit(long lastOffset, List<MetadataRecord> records);
  }

  void start(CommitHandler handler);

  /**
   * Appends the records atomically and completes with the offset of the last one once they are
   * durable and have been passed to the commit handler.
   */
  CompletableFuture<Long> append(List<MetadataRecord> records);

  @Override
  void close();
}
