package dev.brook.broker.api;

import dev.brook.broker.controller.ClusterController;
import dev.brook.broker.network.Request;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.ElectionType;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.message.ElectLeadersRequestData;
import org.apache.kafka.common.message.ElectLeadersRequestData.TopicPartitions;
import org.apache.kafka.common.message.ElectLeadersResponseData;
import org.apache.kafka.common.message.ElectLeadersResponseData.PartitionResult;
import org.apache.kafka.common.message.ElectLeadersResponseData.ReplicaElectionResult;
import org.apache.kafka.common.protocol.ApiMessage;

/** ElectLeaders: preferred (v0 only knows this kind) or unclean, through the controller. */
final class ElectLeadersHandler implements ApiHandler {

  private final ClusterController controller;

  ElectLeadersHandler(ClusterController controller) {
    this.controller = controller;
  }

  @Override
  public CompletableFuture<ApiMessage> handle(Request request) {
    ElectLeadersRequestData data = request.body(ElectLeadersRequestData.class);
    ElectionType type =
        request.apiVersion() == 0
            ? ElectionType.PREFERRED
            : ElectionType.valueOf(data.electionType());
    List<TopicPartition> partitions = null;
    if (data.topicPartitions() != null) {
      partitions = new ArrayList<>();
      for (TopicPartitions topic : data.topicPartitions()) {
        for (int partition : topic.partitions()) {
          partitions.add(new TopicPartition(topic.topic(), partition));
        }
      }
    }
    return controller
        .electLeaders(type, partitions)
        .thenApply(
            results -> {
              ElectLeadersResponseData response = new ElectLeadersResponseData();
              Map<String, ReplicaElectionResult> topics = new LinkedHashMap<>();
              results.forEach(
                  (tp, error) ->
                      topics
                          .computeIfAbsent(
                              tp.topic(),
                              name -> {
                                ReplicaElectionResult created =
                                    new ReplicaElectionResult().setTopic(name);
                                response.replicaElectionResults().add(created);
                                return created;
                              })
                          .partitionResult()
                          .add(
                              new PartitionResult()
                                  .setPartitionId(tp.partition())
                                  .setErrorCode(error.error().code())
                                  .setErrorMessage(
                                      error.isSuccess() ? null : error.messageWithFallback())));
              return response;
            });
  }
}
