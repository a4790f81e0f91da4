package dev.brook.broker.api;

import dev.brook.broker.log.Log;
import dev.brook.broker.network.Request;
import dev.brook.broker.replication.ReplicaManager;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.OffsetOutOfRangeException;
import org.apache.kafka.common.message.DeleteRecordsRequestData;
import org.apache.kafka.common.message.DeleteRecordsRequestData.DeleteRecordsPartition;
import org.apache.kafka.common.message.DeleteRecordsRequestData.DeleteRecordsTopic;
import org.apache.kafka.common.message.DeleteRecordsResponseData;
import org.apache.kafka.common.message.DeleteRecordsResponseData.DeleteRecordsPartitionResult;
import org.apache.kafka.common.message.DeleteRecordsResponseData.DeleteRecordsTopicResult;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;

/**
 * DeleteRecords: moves a partition's log start offset forward (to the high watermark for offset
 * -1). Kafka Streams uses it to purge repartition topics.
 */
final class DeleteRecordsHandler implements ApiHandler {

  private static final long TO_HIGH_WATERMARK = -1;

  private final ReplicaManager replicaManager;

  DeleteRecordsHandler(ReplicaManager replicaManager) {
    this.replicaManager = replicaManager;
  }

  @Override
  public CompletableFuture<ApiMessage> handle(Request request) {
    DeleteRecordsRequestData data = request.body(DeleteRecordsRequestData.class);
    DeleteRecordsResponseData response = new DeleteRecordsResponseData();
    for (DeleteRecordsTopic topic : data.topics()) {
      DeleteRecordsTopicResult topicResult = new DeleteRecordsTopicResult().setName(topic.name());
      for (DeleteRecordsPartition partition : topic.partitions()) {
        topicResult
            .partitions()
            .add(
                deleteBefore(
                    new TopicPartition(topic.name(), partition.partitionIndex()),
                    partition.offset()));
      }
      response.topics().add(topicResult);
    }
    return CompletableFuture.completedFuture(response);
  }

  private DeleteRecordsPartitionResult deleteBefore(TopicPartition tp, long offset) {
    DeleteRecordsPartitionResult result =
        new DeleteRecordsPartitionResult().setPartitionIndex(tp.partition());
    try {
      Log log = replicaManager.leaderPartition(tp).log();
      long highWatermark = log.highWatermark();
      long target = offset == TO_HIGH_WATERMARK ? highWatermark : offset;
      if (target < 0 || target > highWatermark) {
        throw new OffsetOutOfRangeException(
            "Cannot delete records of "
                + tp
                + " before "
                + offset
                + ": the high watermark is "
                + highWatermark);
      }
      log.maybeIncrementLogStartOffset(target);
      return result.setLowWatermark(log.logStartOffset());
    } catch (RuntimeException e) {
      return result.setErrorCode(Errors.forException(e).code()).setLowWatermark(-1);
    }
  }
}
