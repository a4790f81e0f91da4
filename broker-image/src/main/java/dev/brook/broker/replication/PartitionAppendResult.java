package dev.brook.broker.replication;

import dev.brook.broker.log.LogAppendInfo;
import org.apache.kafka.common.protocol.Errors;

/** The outcome of appending one partition's batch: the log's answer, or an error. */
public record PartitionAppendResult(LogAppendInfo info, Errors error, String errorMessage) {

  public static PartitionAppendResult success(LogAppendInfo info) {
    return new PartitionAppendResult(info, Errors.NONE, null);
  }

  public static PartitionAppendResult failure(Throwable error) {
    Errors code = Errors.forException(error);
    return new PartitionAppendResult(null, code, error.getMessage());
  }

  public static PartitionAppendResult failure(Errors error, String message) {
    return new PartitionAppendResult(null, error, message);
  }

  public boolean isSuccess() {
    return error == Errors.NONE;
  }
}
