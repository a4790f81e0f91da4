package dev.brook.broker.api;

import dev.brook.broker.metadata.MetadataCache;
import dev.brook.broker.metadata.image.MetadataImage;
import dev.brook.broker.network.Request;
import dev.brook.broker.replication.FetchParams;
import dev.brook.broker.replication.PartitionFetch;
import dev.brook.broker.replication.PartitionFetchResult;
import dev.brook.broker.replication.ReplicaManager;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.FetchRequestData;
import org.apache.kafka.common.message.FetchRequestData.FetchPartition;
import org.apache.kafka.common.message.FetchRequestData.FetchTopic;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.message.FetchResponseData.FetchableTopicResponse;
import org.apache.kafka.common.message.FetchResponseData.PartitionData;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.requests.FetchMetadata;

/**
 * Consumer Fetch without fetch sessions: every response answers session id 0, so clients keep
 * sending full fetches, and every full-fetch response lists every requested partition. A request
 * that names an incremental session we never created gets FETCH_SESSION_ID_NOT_FOUND.
 */
final class FetchHandler implements ApiHandler {

  private final ReplicaManager replicaManager;
  private final MetadataCache cache;
  private final int brokerMaxBytes;

  FetchHandler(ReplicaManager replicaManager, MetadataCache cache, int brokerMaxBytes) {
    this.replicaManager = replicaManager;
    this.cache = cache;
    this.brokerMaxBytes = brokerMaxBytes;
  }

  @Override
  public CompletableFuture<ApiMessage> handle(Request request) {
    FetchRequestData data = request.body(FetchRequestData.class);
    if (data.sessionId() != FetchMetadata.INVALID_SESSION_ID) {
      return CompletableFuture.completedFuture(
          new FetchResponseData().setErrorCode(Errors.FETCH_SESSION_ID_NOT_FOUND.code()));
    }
    MetadataImage image = cache.image();
    boolean byId = request.apiVersion() >= 13;
    Map<TopicPartition, PartitionFetch> wanted = new LinkedHashMap<>();
    Map<TopicPartition, Uuid> ids = new LinkedHashMap<>();
    FetchResponseData response =
        new FetchResponseData().setSessionId(FetchMetadata.INVALID_SESSION_ID);
    Map<String, FetchableTopicResponse> unknown = new LinkedHashMap<>();
    for (FetchTopic topic : data.topics()) {
      String name =
          byId ? image.topic(topic.topicId()).map(t -> t.name()).orElse(null) : topic.topic();
      for (FetchPartition partition : topic.partitions()) {
        if (name == null || image.topic(name).isEmpty()) {
          Errors error = byId ? Errors.UNKNOWN_TOPIC_ID : Errors.UNKNOWN_TOPIC_OR_PARTITION;
          unknown
              .computeIfAbsent(
                  topic.topic() + "/" + topic.topicId(),
                  k ->
                      new FetchableTopicResponse()
                          .setTopic(topic.topic())
                          .setTopicId(topic.topicId()))
              .partitions()
              .add(errorPartition(partition.partition(), error));
          continue;
        }
        TopicPartition tp = new TopicPartition(name, partition.partition());
        wanted.put(
            tp,
            new PartitionFetch(
                partition.fetchOffset(),
                partition.partitionMaxBytes(),
                partition.currentLeaderEpoch(),
                partition.lastFetchedEpoch()));
        ids.put(tp, image.topicId(name));
      }
    }
    FetchParams params =
        new FetchParams(
            replicaIdOf(data, request.apiVersion()),
            wanted,
            data.maxWaitMs(),
            data.minBytes(),
            Math.min(data.maxBytes(), brokerMaxBytes),
            IsolationLevel.forId(data.isolationLevel()));
    return replicaManager
        .fetch(params)
        .thenApply(
            results -> {
              addResults(response, results, ids);
              response.responses().addAll(unknown.values());
              return response;
            });
  }

  /** Followers name themselves in the body up to v14, in the ReplicaState tagged field from v15. */
  private static int replicaIdOf(FetchRequestData data, short version) {
    int replicaId = version >= 15 ? data.replicaState().replicaId() : data.replicaId();
    return replicaId >= 0 ? replicaId : FetchParams.CONSUMER;
  }

  private static void addResults(
      FetchResponseData response,
      Map<TopicPartition, PartitionFetchResult> results,
      Map<TopicPartition, Uuid> ids) {
    FetchableTopicResponse current = null;
    for (Map.Entry<TopicPartition, PartitionFetchResult> entry : results.entrySet()) {
      TopicPartition tp = entry.getKey();
      if (current == null || !current.topic().equals(tp.topic())) {
        current = new FetchableTopicResponse().setTopic(tp.topic()).setTopicId(ids.get(tp));
        response.responses().add(current);
      }
      PartitionFetchResult result = entry.getValue();
      current
          .partitions()
          .add(
              new PartitionData()
                  .setPartitionIndex(tp.partition())
                  .setErrorCode(result.error().code())
                  .setHighWatermark(result.highWatermark())
                  .setLastStableOffset(result.lastStableOffset())
                  .setLogStartOffset(result.logStartOffset())
                  .setDivergingEpoch(
                      new FetchResponseData.EpochEndOffset()
                          .setEpoch(result.divergingEpoch().epoch())
                          .setEndOffset(result.divergingEpoch().endOffset()))
                  .setRecords(result.records()));
    }
  }

  private static PartitionData errorPartition(int index, Errors error) {
    return new PartitionData()
        .setPartitionIndex(index)
        .setErrorCode(error.code())
        .setHighWatermark(-1)
        .setLastStableOffset(-1)
        .setLogStartOffset(-1)
        .setRecords(MemoryRecords.EMPTY);
  }
}
