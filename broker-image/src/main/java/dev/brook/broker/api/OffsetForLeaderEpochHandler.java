package dev.brook.broker.api;

import dev.brook.broker.network.Request;
import dev.brook.broker.replication.Partition;
import dev.brook.broker.replication.ReplicaManager;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.message.OffsetForLeaderEpochRequestData;
import org.apache.kafka.common.message.OffsetForLeaderEpochRequestData.OffsetForLeaderPartition;
import org.apache.kafka.common.message.OffsetForLeaderEpochRequestData.OffsetForLeaderTopic;
import org.apache.kafka.common.message.OffsetForLeaderEpochResponseData;
import org.apache.kafka.common.message.OffsetForLeaderEpochResponseData.EpochEndOffset;
import org.apache.kafka.common.message.OffsetForLeaderEpochResponseData.OffsetForLeaderTopicResult;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;

/**
 * OffsetForLeaderEpoch: for each partition, the largest leader epoch at most the requested one and
 * the offset where it ends on the leader. Consumers use it to validate their position after a
 * leader change (and truncate when their data diverged); answers come from the leader only.
 */
final class OffsetForLeaderEpochHandler implements ApiHandler {

  private final ReplicaManager replicaManager;

  OffsetForLeaderEpochHandler(ReplicaManager replicaManager) {
    this.replicaManager = replicaManager;
  }

  @Override
  public CompletableFuture<ApiMessage> handle(Request request) {
    OffsetForLeaderEpochRequestData data = request.body(OffsetForLeaderEpochRequestData.class);
    OffsetForLeaderEpochResponseData response = new OffsetForLeaderEpochResponseData();
    for (OffsetForLeaderTopic topic : data.topics()) {
      OffsetForLeaderTopicResult result = new OffsetForLeaderTopicResult().setTopic(topic.topic());
      for (OffsetForLeaderPartition partition : topic.partitions()) {
        result
            .partitions()
            .add(lookUp(new TopicPartition(topic.topic(), partition.partition()), partition));
      }
      response.topics().add(result);
    }
    return CompletableFuture.completedFuture(response);
  }

  private EpochEndOffset lookUp(TopicPartition tp, OffsetForLeaderPartition request) {
    EpochEndOffset result = new EpochEndOffset().setPartition(tp.partition());
    try {
      Partition partition = replicaManager.leaderPartition(tp);
      partition.checkLeaderEpoch(request.currentLeaderEpoch());
      dev.brook.broker.log.LeaderEpochCache.EpochEndOffset found =
          partition.log().endOffsetForEpoch(request.leaderEpoch());
      return result.setLeaderEpoch(found.epoch()).setEndOffset(found.endOffset());
    } catch (RuntimeException e) {
      return result.setErrorCode(Errors.forException(e).code()).setLeaderEpoch(-1).setEndOffset(-1);
    }
  }
}
