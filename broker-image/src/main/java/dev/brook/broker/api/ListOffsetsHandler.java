package dev.brook.broker.api;

import dev.brook.broker.log.Log;
import dev.brook.broker.log.TimestampAndOffset;
import dev.brook.broker.network.Request;
import dev.brook.broker.replication.Partition;
import dev.brook.broker.replication.ReplicaManager;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.message.ListOffsetsRequestData;
import org.apache.kafka.common.message.ListOffsetsRequestData.ListOffsetsPartition;
import org.apache.kafka.common.message.ListOffsetsRequestData.ListOffsetsTopic;
import org.apache.kafka.common.message.ListOffsetsResponseData;
import org.apache.kafka.common.message.ListOffsetsResponseData.ListOffsetsPartitionResponse;
import org.apache.kafka.common.message.ListOffsetsResponseData.ListOffsetsTopicResponse;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.ListOffsetsRequest;

/**
 * ListOffsets: latest (the high watermark, never the log end), earliest and earliest-local (the log
 * start offset), max timestamp, and the first offset at or after a timestamp. Brook has no tiered
 * storage, so "latest tiered" and "earliest pending upload" find nothing.
 */
final class ListOffsetsHandler implements ApiHandler {

  private static final long UNKNOWN = -1;

  /** The first version whose response carries the leader epoch of the offset found. */
  private static final short FIRST_VERSION_WITH_LEADER_EPOCH = 4;

  private final ReplicaManager replicaManager;

  ListOffsetsHandler(ReplicaManager replicaManager) {
    this.replicaManager = replicaManager;
  }

  @Override
  public CompletableFuture<ApiMessage> handle(Request request) {
    ListOffsetsRequestData data = request.body(ListOffsetsRequestData.class);
    ListOffsetsResponseData response = new ListOffsetsResponseData();
    for (ListOffsetsTopic topic : data.topics()) {
      ListOffsetsTopicResponse topicResponse = new ListOffsetsTopicResponse().setName(topic.name());
      for (ListOffsetsPartition partition : topic.partitions()) {
        topicResponse
            .partitions()
            .add(
                lookUp(
                    new TopicPartition(topic.name(), partition.partitionIndex()),
                    partition,
                    request.apiVersion()));
      }
      response.topics().add(topicResponse);
    }
    return CompletableFuture.completedFuture(response);
  }

  private ListOffsetsPartitionResponse lookUp(
      TopicPartition tp, ListOffsetsPartition request, short version) {
    ListOffsetsPartitionResponse response =
        new ListOffsetsPartitionResponse().setPartitionIndex(tp.partition());
    try {
      Partition partition = replicaManager.leaderPartition(tp);
      partition.checkLeaderEpoch(request.currentLeaderEpoch());
      Optional<TimestampAndOffset> found = find(partition, request.timestamp());
      response
          .setTimestamp(found.map(TimestampAndOffset::timestamp).orElse(UNKNOWN))
          .setOffset(found.map(TimestampAndOffset::offset).orElse(UNKNOWN));
      if (version >= FIRST_VERSION_WITH_LEADER_EPOCH) {
        response.setLeaderEpoch(found.map(TimestampAndOffset::leaderEpoch).orElse(-1));
      }
      return response;
    } catch (RuntimeException e) {
      return response
          .setErrorCode(Errors.forException(e).code())
          .setTimestamp(UNKNOWN)
          .setOffset(UNKNOWN);
    }
  }

  private static Optional<TimestampAndOffset> find(Partition partition, long timestamp) {
    Log log = partition.log();
    if (timestamp == ListOffsetsRequest.LATEST_TIMESTAMP) {
      return Optional.of(
          new TimestampAndOffset(UNKNOWN, log.highWatermark(), partition.leaderEpoch()));
    }
    if (timestamp == ListOffsetsRequest.EARLIEST_TIMESTAMP
        || timestamp == ListOffsetsRequest.EARLIEST_LOCAL_TIMESTAMP) {
      // As Kafka: the epoch of the batch at the log start; on an empty log the epoch the leader
      // started at offset 0 in.
      long start = log.logStartOffset();
      int epoch = log.leaderEpochCache().epochForOffset(start).orElse(-1);
      return Optional.of(new TimestampAndOffset(UNKNOWN, start, epoch));
    }
    if (timestamp == ListOffsetsRequest.MAX_TIMESTAMP) {
      return log.fetchMaxTimestamp();
    }
    if (timestamp < 0) {
      return Optional.empty();
    }
    return log.fetchOffsetByTimestamp(timestamp).filter(t -> t.offset() < log.highWatermark());
  }
}
