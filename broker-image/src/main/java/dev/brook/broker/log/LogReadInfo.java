package dev.brook.broker.log;

import java.util.Optional;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.Records;

/**
 * The result of a read and the log's offsets at the time of the read, as a Fetch response reports
 * them. {@code slice} is null when there is nothing to return.
 */
public record LogReadInfo(
    FileSlice slice, long highWatermark, long logStartOffset, long logEndOffset) {

  /**
   * The batches read (a zero-copy {@link org.apache.kafka.common.record.FileRecords}), or empty.
   */
  public Records records() {
    return slice == null ? MemoryRecords.EMPTY : slice.records();
  }

  public Optional<FileSlice> fileSlice() {
    return Optional.ofNullable(slice).filter(s -> s.sizeInBytes() > 0);
  }
}
