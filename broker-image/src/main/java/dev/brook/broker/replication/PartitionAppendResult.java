package dev.brook.broker.replication;

import dev.brook.broker.log.LogAppendInfo;
import org.apache.kafka.common.protocol.Errors;

/**
 * The outcome of appending one partition's batch: the log's answer, or an error. A failure still
 * reports the log start offset when the partition is known: after UNKNOWN_PRODUCER_ID the client
 * compares it with its last acknowledged offset to tell retention (reset its sequence) from data
 * loss.
 */
public record PartitionAppendResult(
    LogAppendInfo info, Errors error, String errorMessage, long logStartOffset) {

  public static final long UNKNOWN_LOG_START = -1;

  public static PartitionAppendResult success(LogAppendInfo info) {
    return new PartitionAppendResult(info, Errors.NONE, null, info.logStartOffset());
  }

  public static PartitionAppendResult failure(Throwable error, long logStartOffset) {
    Errors code = Errors.forException(error);
    return new PartitionAppendResult(null, code, error.getMessage(), logStartOffset);
  }

  public static PartitionAppendResult failure(Errors error, String message) {
    return new PartitionAppendResult(null, error, message, UNKNOWN_LOG_START);
  }

  public boolean isSuccess() {
    return error == Errors.NONE;
  }
}
