package dev.brook.broker.log;

import java.util.Optional;
import org.apache.kafka.common.record.RecordBatch;

/** A record's timestamp and offset, with the leader epoch of its batch, as ListOffsets returns. */
public record TimestampAndOffset(long timestamp, long offset, int leaderEpoch) {

  public Optional<Integer> leaderEpochIfKnown() {
    return leaderEpoch == RecordBatch.NO_PARTITION_LEADER_EPOCH
        ? Optional.empty()
        : Optional.of(leaderEpoch);
  }
}
