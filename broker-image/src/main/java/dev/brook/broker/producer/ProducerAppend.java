package dev.brook.broker.producer;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.UnknownProducerIdException;
import org.apache.kafka.common.record.RecordBatch;

/**
 * The producer-state changes of one append call, staged until the batches are written so that a
 * failed write changes nothing, and so that several batches of one producer in one call are checked
 * against each other.
 *
 * <p>Rules for batches from clients (checked by {@link #checkFromClient}):
 *
 * <ol>
 *   <li>same epoch and a retained batch with the same (firstSeq, lastSeq): a duplicate;
 *   <li>older epoch: {@link InvalidProducerEpochException};
 *   <li>newer epoch: firstSeq must be 0, else {@link OutOfOrderSequenceException};
 *   <li>same epoch: firstSeq must follow the last sequence (wrapping after Integer.MAX_VALUE);
 *   <li>no state for the producer: firstSeq 0 starts it; any other sequence means the state was
 *       lost (expired, or removed with old segments): {@link UnknownProducerIdException}.
 * </ol>
 */
public final class ProducerAppend {

  private final ProducerStateManager manager;
  private final Map<Long, ProducerStateEntry> staged = new HashMap<>();

  ProducerAppend(ProducerStateManager manager) {
    this.manager = manager;
  }

  /**
   * Checks a client batch, before offsets are assigned.
   *
   * @return the retained batch it duplicates, if it is a retry of a batch already written
   */
  public Optional<BatchMetadata> checkFromClient(RecordBatch batch) {
    if (!batch.hasProducerId()) {
      return Optional.empty();
    }
    long producerId = batch.producerId();
    short epoch = batch.producerEpoch();
    int firstSeq = batch.baseSequence();
    Optional<ProducerStateEntry> current = current(producerId);
    if (current.isEmpty()) {
      if (firstSeq != 0) {
        throw new UnknownProducerIdException(
            "No state for producer " + producerId + " at sequence " + firstSeq);
      }
      return Optional.empty();
    }
    ProducerStateEntry entry = current.get();
    if (epoch < entry.producerEpoch()) {
      throw new InvalidProducerEpochException(
          "Producer " + producerId + " epoch " + epoch + " is older than " + entry.producerEpoch());
    }
    if (epoch > entry.producerEpoch()) {
      if (firstSeq != 0) {
        throw new OutOfOrderSequenceException(
            "Producer " + producerId + " new epoch " + epoch + " starts at sequence " + firstSeq);
      }
      return Optional.empty();
    }
    Optional<BatchMetadata> duplicate = entry.findDuplicate(firstSeq, batch.lastSequence());
    if (duplicate.isPresent()) {
      return duplicate;
    }
    if (!inSequence(entry.lastSeq(), firstSeq)) {
      throw new OutOfOrderSequenceException(
          "Producer "
              + producerId
              + " expected sequence "
              + nextSequence(entry.lastSeq())
              + " but got "
              + firstSeq);
    }
    return Optional.empty();
  }

  /** Records a batch whose offsets are final (after validation, or replayed from the log). */
  public void recordWritten(RecordBatch batch) {
    if (!batch.hasProducerId()) {
      return;
    }
    long producerId = batch.producerId();
    ProducerStateEntry entry =
        current(producerId).orElseGet(() -> ProducerStateEntry.empty(producerId, (short) -1));
    BatchMetadata metadata =
        new BatchMetadata(
            batch.baseSequence(),
            batch.lastSequence(),
            batch.baseOffset(),
            batch.lastOffset(),
            batch.maxTimestamp());
    staged.put(producerId, entry.withBatch(batch.producerEpoch(), metadata));
  }

  Map<Long, ProducerStateEntry> staged() {
    return staged;
  }

  private Optional<ProducerStateEntry> current(long producerId) {
    ProducerStateEntry pending = staged.get(producerId);
    return pending != null ? Optional.of(pending) : manager.lastEntry(producerId);
  }

  static boolean inSequence(int lastSeq, int nextSeq) {
    return nextSeq == nextSequence(lastSeq);
  }

  private static int nextSequence(int lastSeq) {
    return lastSeq == Integer.MAX_VALUE ? 0 : lastSeq + 1;
  }
}
