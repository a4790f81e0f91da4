package dev.brook.broker.api;

import dev.brook.broker.metadata.MetadataCache;
import dev.brook.broker.metadata.image.MetadataImage;
import dev.brook.broker.network.Request;
import dev.brook.broker.network.UnansweredRequestFailedException;
import dev.brook.broker.replication.PartitionAppendResult;
import dev.brook.broker.replication.ReplicaManager;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.internals.Topic;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.message.ProduceRequestData.PartitionProduceData;
import org.apache.kafka.common.message.ProduceRequestData.TopicProduceData;
import org.apache.kafka.common.message.ProduceResponseData;
import org.apache.kafka.common.message.ProduceResponseData.PartitionProduceResponse;
import org.apache.kafka.common.message.ProduceResponseData.TopicProduceResponse;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.MemoryRecords;

/**
 * Produce: resolves topics (by name, or by id from v13), refuses what no client may write (internal
 * topics, transactional batches until transactions exist, bad acks), appends the rest through the
 * replica manager, and answers nothing at all for acks=0.
 */
final class ProduceHandler implements ApiHandler {

  private static final int NO_TIMESTAMP = -1;

  private final ReplicaManager replicaManager;
  private final MetadataCache cache;

  ProduceHandler(ReplicaManager replicaManager, MetadataCache cache) {
    this.replicaManager = replicaManager;
    this.cache = cache;
  }

  @Override
  public CompletableFuture<ApiMessage> handle(Request request) {
    ProduceRequestData data = request.body(ProduceRequestData.class);
    short acks = data.acks();
    MetadataImage image = cache.image();
    Map<PartitionKey, PartitionAppendResult> refused = new LinkedHashMap<>();
    Map<TopicPartition, MemoryRecords> accepted = new LinkedHashMap<>();
    Map<TopicPartition, PartitionKey> keys = new LinkedHashMap<>();
    for (TopicProduceData topic : data.topicData()) {
      String name =
          request.apiVersion() >= 13
              ? image.topic(topic.topicId()).map(t -> t.name()).orElse(null)
              : topic.name();
      for (PartitionProduceData partition : topic.partitionData()) {
        PartitionKey key = new PartitionKey(topic.name(), topic.topicId(), partition.index());
        Errors refusal = refusal(name, acks, data.transactionalId(), request.apiVersion());
        if (refusal != Errors.NONE) {
          refused.put(key, PartitionAppendResult.failure(refusal, refusalMessage(refusal, name)));
          continue;
        }
        TopicPartition tp = new TopicPartition(name, partition.index());
        accepted.put(tp, (MemoryRecords) partition.records());
        keys.put(tp, key);
      }
    }
    return replicaManager
        .appendRecords(accepted, acks, data.timeoutMs())
        .thenApply(
            results -> {
              if (acks == 0) {
                failUnansweredOnError(refused, results);
                return null;
              }
              Map<PartitionKey, PartitionAppendResult> all = new LinkedHashMap<>(refused);
              results.forEach((tp, result) -> all.put(keys.get(tp), result));
              return response(all);
            });
  }

  /** acks=0 gets no response: a failure must close the connection so the client notices. */
  private static void failUnansweredOnError(
      Map<PartitionKey, PartitionAppendResult> refused,
      Map<TopicPartition, PartitionAppendResult> results) {
    java.util.stream.Stream.concat(refused.values().stream(), results.values().stream())
        .filter(r -> !r.isSuccess())
        .findFirst()
        .ifPresent(
            r -> {
              throw new UnansweredRequestFailedException(
                  "acks=0 produce failed with " + r.error() + ": " + r.errorMessage());
            });
  }

  private static Errors refusal(String topic, short acks, String transactionalId, short version) {
    if (topic == null) {
      return version >= 13 ? Errors.UNKNOWN_TOPIC_ID : Errors.UNKNOWN_TOPIC_OR_PARTITION;
    }
    if (acks != 0 && acks != 1 && acks != -1) {
      return Errors.INVALID_REQUIRED_ACKS;
    }
    if (Topic.isInternal(topic)) {
      return Errors.INVALID_TOPIC_EXCEPTION;
    }
    if (transactionalId != null) {
      return Errors.TRANSACTIONAL_ID_AUTHORIZATION_FAILED;
    }
    return Errors.NONE;
  }

  private static String refusalMessage(Errors error, String topic) {
    return switch (error) {
      case INVALID_TOPIC_EXCEPTION -> "Cannot append to internal topic " + topic;
      case TRANSACTIONAL_ID_AUTHORIZATION_FAILED ->
          "Transactions are not supported by this broker yet";
      default -> error.message();
    };
  }

  private static ProduceResponseData response(Map<PartitionKey, PartitionAppendResult> results) {
    ProduceResponseData response = new ProduceResponseData();
    Map<PartitionKey, TopicProduceResponse> topics = new LinkedHashMap<>();
    results.forEach(
        (key, result) -> {
          TopicProduceResponse topic =
              topics.computeIfAbsent(
                  new PartitionKey(key.name(), key.topicId(), -1),
                  k -> {
                    TopicProduceResponse created =
                        new TopicProduceResponse().setName(key.name()).setTopicId(key.topicId());
                    response.responses().add(created);
                    return created;
                  });
          topic.partitionResponses().add(partitionResponse(key.partition(), result));
        });
    return response;
  }

  private static PartitionProduceResponse partitionResponse(
      int index, PartitionAppendResult result) {
    PartitionProduceResponse partition =
        new PartitionProduceResponse().setIndex(index).setErrorCode(result.error().code());
    if (result.isSuccess()) {
      partition
          .setBaseOffset(result.info().firstOffset())
          .setLogAppendTimeMs(result.info().logAppendTimeMs())
          .setLogStartOffset(result.info().logStartOffset());
    } else {
      partition
          .setBaseOffset(-1)
          .setLogAppendTimeMs(NO_TIMESTAMP)
          .setLogStartOffset(result.logStartOffset())
          .setErrorMessage(result.errorMessage());
    }
    return partition;
  }

  /** A partition as the request named it (name up to v12, id from v13). */
  private record PartitionKey(String name, Uuid topicId, int partition) {}
}
