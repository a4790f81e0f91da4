package dev.brook.broker.producer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * What a partition remembers of one producer: its current epoch, the sequence and offset ranges of
 * its last {@link #NUM_BATCHES_TO_RETAIN} batches (oldest first), and the largest batch timestamp
 * it wrote (expiration is measured from it). Immutable: appends stage a new entry and commit it.
 */
public record ProducerStateEntry(
    long producerId, short producerEpoch, List<BatchMetadata> batches, long lastTimestamp) {

  /** Kafka clients keep at most 5 batches in flight per partition; the broker retains as many. */
  public static final int NUM_BATCHES_TO_RETAIN = 5;

  public ProducerStateEntry {
    batches = List.copyOf(batches);
  }

  public static ProducerStateEntry empty(long producerId, short producerEpoch) {
    return new ProducerStateEntry(producerId, producerEpoch, List.of(), -1L);
  }

  public boolean isEmpty() {
    return batches.isEmpty();
  }

  /** The last sequence written, or -1 (RecordBatch.NO_SEQUENCE) when none is retained. */
  public int lastSeq() {
    return batches.isEmpty() ? -1 : batches.get(batches.size() - 1).lastSeq();
  }

  public long lastOffset() {
    return batches.isEmpty() ? -1L : batches.get(batches.size() - 1).lastOffset();
  }

  /** A retained batch with exactly this sequence range: the batch is a retry already written. */
  public Optional<BatchMetadata> findDuplicate(int firstSeq, int lastSeq) {
    for (BatchMetadata batch : batches) {
      if (batch.firstSeq() == firstSeq && batch.lastSeq() == lastSeq) {
        return Optional.of(batch);
      }
    }
    return Optional.empty();
  }

  /** This entry after a batch of {@code epoch}; a new epoch forgets the old epoch's batches. */
  public ProducerStateEntry withBatch(short epoch, BatchMetadata batch) {
    List<BatchMetadata> next =
        epoch == producerEpoch ? new ArrayList<>(batches) : new ArrayList<>(List.of());
    next.add(batch);
    while (next.size() > NUM_BATCHES_TO_RETAIN) {
      next.remove(0);
    }
    return new ProducerStateEntry(
        producerId,
        epoch,
        Collections.unmodifiableList(next),
        Math.max(lastTimestamp, batch.timestamp()));
  }
}
