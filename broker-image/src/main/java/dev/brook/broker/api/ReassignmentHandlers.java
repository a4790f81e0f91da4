package dev.brook.broker.api;

import dev.brook.broker.controller.ClusterController;
import dev.brook.broker.metadata.MetadataCache;
import dev.brook.broker.metadata.image.PartitionRegistration;
import dev.brook.broker.metadata.image.TopicImage;
import dev.brook.broker.network.Request;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.message.AlterPartitionReassignmentsRequestData;
import org.apache.kafka.common.message.AlterPartitionReassignmentsRequestData.ReassignablePartition;
import org.apache.kafka.common.message.AlterPartitionReassignmentsRequestData.ReassignableTopic;
import org.apache.kafka.common.message.AlterPartitionReassignmentsResponseData;
import org.apache.kafka.common.message.AlterPartitionReassignmentsResponseData.ReassignablePartitionResponse;
import org.apache.kafka.common.message.AlterPartitionReassignmentsResponseData.ReassignableTopicResponse;
import org.apache.kafka.common.message.ListPartitionReassignmentsRequestData;
import org.apache.kafka.common.message.ListPartitionReassignmentsRequestData.ListPartitionReassignmentsTopics;
import org.apache.kafka.common.message.ListPartitionReassignmentsResponseData;
import org.apache.kafka.common.message.ListPartitionReassignmentsResponseData.OngoingPartitionReassignment;
import org.apache.kafka.common.message.ListPartitionReassignmentsResponseData.OngoingTopicReassignment;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.ApiError;

/** AlterPartitionReassignments (through the controller) and ListPartitionReassignments. */
final class ReassignmentHandlers {

  private ReassignmentHandlers() {}

  static ApiHandler alter(ClusterController controller, MetadataCache cache) {
    return request -> alter(controller, cache, request);
  }

  static ApiHandler list(MetadataCache cache) {
    return request -> CompletableFuture.completedFuture(list(cache, request));
  }

  private static CompletableFuture<ApiMessage> alter(
      ClusterController controller, MetadataCache cache, Request request) {
    AlterPartitionReassignmentsRequestData data =
        request.body(AlterPartitionReassignmentsRequestData.class);
    Map<TopicPartition, Optional<List<Integer>>> targets = new LinkedHashMap<>();
    Map<TopicPartition, ApiError> refused = new LinkedHashMap<>();
    for (ReassignableTopic topic : data.topics()) {
      for (ReassignablePartition partition : topic.partitions()) {
        TopicPartition tp = new TopicPartition(topic.name(), partition.partitionIndex());
        Optional<List<Integer>> target = Optional.ofNullable(partition.replicas());
        if (!data.allowReplicationFactorChange() && changesReplicationFactor(cache, tp, target)) {
          refused.put(
              tp,
              new ApiError(
                  Errors.INVALID_REPLICATION_FACTOR,
                  "The reassignment of " + tp + " changes its replication factor"));
        } else {
          targets.put(tp, target);
        }
      }
    }
    return controller
        .alterPartitionReassignments(targets)
        .thenApply(
            results -> {
              Map<TopicPartition, ApiError> all = new LinkedHashMap<>(results);
              all.putAll(refused);
              AlterPartitionReassignmentsResponseData response =
                  new AlterPartitionReassignmentsResponseData()
                      .setAllowReplicationFactorChange(data.allowReplicationFactorChange());
              Map<String, ReassignableTopicResponse> topics = new LinkedHashMap<>();
              all.forEach(
                  (tp, error) ->
                      topics
                          .computeIfAbsent(
                              tp.topic(),
                              name -> {
                                ReassignableTopicResponse created =
                                    new ReassignableTopicResponse().setName(name);
                                response.responses().add(created);
                                return created;
                              })
                          .partitions()
                          .add(
                              new ReassignablePartitionResponse()
                                  .setPartitionIndex(tp.partition())
                                  .setErrorCode(error.error().code())
                                  .setErrorMessage(
                                      error.isSuccess() ? null : error.messageWithFallback())));
              return response;
            });
  }

  private static boolean changesReplicationFactor(
      MetadataCache cache, TopicPartition tp, Optional<List<Integer>> target) {
    if (target.isEmpty()) {
      return false;
    }
    return cache
        .image()
        .partition(tp)
        .map(p -> p.originalReplicas().size() != target.get().size())
        .orElse(false);
  }

  private static ApiMessage list(MetadataCache cache, Request request) {
    ListPartitionReassignmentsRequestData data =
        request.body(ListPartitionReassignmentsRequestData.class);
    ListPartitionReassignmentsResponseData response = new ListPartitionReassignmentsResponseData();
    for (TopicImage topic : cache.image().topicsByName().values()) {
      List<Integer> wanted = wantedPartitions(data, topic.name());
      if (data.topics() != null && wanted == null) {
        continue;
      }
      OngoingTopicReassignment ongoing = new OngoingTopicReassignment().setName(topic.name());
      topic
          .partitions()
          .forEach(
              (index, partition) -> {
                if (partition.isReassigning() && (wanted == null || wanted.contains(index))) {
                  ongoing.partitions().add(describe(index, partition));
                }
              });
      if (!ongoing.partitions().isEmpty()) {
        response.topics().add(ongoing);
      }
    }
    return response;
  }

  private static List<Integer> wantedPartitions(
      ListPartitionReassignmentsRequestData data, String topic) {
    if (data.topics() == null) {
      return null;
    }
    return data.topics().stream()
        .filter(t -> t.name().equals(topic))
        .findFirst()
        .map(ListPartitionReassignmentsTopics::partitionIndexes)
        .orElse(null);
  }

  private static OngoingPartitionReassignment describe(int index, PartitionRegistration partition) {
    return new OngoingPartitionReassignment()
        .setPartitionIndex(index)
        .setReplicas(partition.replicas())
        .setAddingReplicas(partition.addingReplicas())
        .setRemovingReplicas(partition.removingReplicas());
  }
}
