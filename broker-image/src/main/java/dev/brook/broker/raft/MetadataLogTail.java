package dev.brook.broker.raft;

import dev.brook.broker.metadata.image.MetadataImage;
import dev.brook.broker.metadata.record.MetadataRecord;
import dev.brook.broker.rpc.ControllerRpc.CommittedEntry;
import dev.brook.broker.rpc.ControllerRpc.ImageRecords;
import dev.brook.broker.rpc.ControllerRpc.MetadataFetched;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.protocol.Errors;

/**
 * The most recent committed entries of the metadata log a voter has applied, kept in memory so that
 * broker-only nodes can follow the log (see {@link ObserverMetadataJournal}), and the image they
 * lead to.
 *
 * <p>Invariant: the tail holds every committed entry with records whose offset is above {@code
 * baseOffset}, in log order, and {@code image} is the metadata after the last of them (or after
 * {@code baseOffset} when empty). It starts complete from the beginning of the log ({@code
 * baseOffset} -1); loading a snapshot restarts it at the snapshot's offset; past {@code maxEntries}
 * the oldest entries are dropped and {@code baseOffset} moves up. A fetcher behind {@code
 * baseOffset} gets the whole image instead of entries.
 *
 * <p>Thread-safety: the Ratis apply thread writes, controller RPC threads read; all methods
 * synchronize on the tail.
 */
public final class MetadataLogTail {

  /** Entries per answer, so one answer stays small; a fetcher behind asks again at once. */
  static final int MAX_ENTRIES_PER_FETCH = 1_000;

  private final int maxEntries;
  private final ArrayDeque<CommittedEntry> entries = new ArrayDeque<>();
  private long baseOffset = -1;
  private long lastOffset = -1;
  private MetadataImage image = MetadataImage.EMPTY;

  MetadataLogTail(int maxEntries) {
    this.maxEntries = maxEntries;
  }

  /** An entry committed at {@code offset}, after which the metadata is {@code imageAfter}. */
  synchronized void append(long offset, List<MetadataRecord> records, MetadataImage imageAfter) {
    entries.addLast(new CommittedEntry(offset, records));
    lastOffset = offset;
    image = imageAfter;
    while (entries.size() > maxEntries) {
      baseOffset = entries.removeFirst().lastOffset();
    }
  }

  /** The log continues from a snapshot at {@code offset}; earlier entries are no longer known. */
  synchronized void reset(long offset, MetadataImage loaded) {
    entries.clear();
    baseOffset = offset;
    lastOffset = offset;
    image = loaded;
  }

  /**
   * What a fetcher that has applied everything up to {@code afterOffset} needs next: the entries
   * after it, or the whole image when they are no longer held.
   */
  public synchronized MetadataFetched fetch(long afterOffset, int controllerId) {
    if (afterOffset == lastOffset) {
      return new MetadataFetched(
          Errors.NONE, controllerId, lastOffset, Optional.empty(), List.of());
    }
    // Ahead of this log only if the quorum's storage was reset: start again from the image too.
    if (afterOffset < baseOffset || afterOffset > lastOffset) {
      ImageRecords whole = new ImageRecords(lastOffset, MetadataSnapshotFile.recordsOf(image));
      return new MetadataFetched(
          Errors.NONE, controllerId, lastOffset, Optional.of(whole), List.of());
    }
    List<CommittedEntry> after = new ArrayList<>();
    for (CommittedEntry entry : entries) {
      if (entry.lastOffset() > afterOffset) {
        after.add(entry);
        if (after.size() == MAX_ENTRIES_PER_FETCH) {
          break;
        }
      }
    }
    return new MetadataFetched(Errors.NONE, controllerId, lastOffset, Optional.empty(), after);
  }
}
