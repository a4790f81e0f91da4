package dev.brook.broker.controller;

import dev.brook.broker.metadata.image.BrokerRegistration;
import dev.brook.broker.metadata.image.MetadataImage;
import dev.brook.broker.metadata.image.TopicImage;
import dev.brook.placement.BrokerInfo;
import dev.brook.placement.ClusterView;
import dev.brook.placement.Placement;
import dev.brook.placement.PlacementException;
import dev.brook.placement.ReplicaAssignment;
import dev.brook.placement.TopicPartitionKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.errors.InvalidPartitionsException;
import org.apache.kafka.common.errors.InvalidReplicaAssignmentException;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Places new replicas with the shared rack-aware rules of {@code placement/}, over the unfenced,
 * uncordoned brokers of the image and against the load of every existing partition.
 */
public final class PlacementReplicaAssigner implements ReplicaAssigner {

  @Override
  public List<List<Integer>> assign(
      MetadataImage image, String topic, int firstPartition, int count, short replicationFactor) {
    ClusterView cluster = placeableBrokers(image);
    ReplicaAssignment existing = assignmentOf(image);
    try {
      SortedMap<Integer, List<Integer>> placed =
          firstPartition == 0
              ? Placement.assignNewTopic(topic, count, replicationFactor, cluster, existing)
              : Placement.assignNewPartitions(topic, firstPartition + count, cluster, existing);
      return new ArrayList<>(placed.values());
    } catch (PlacementException e) {
      throw toApiException(e);
    }
  }

  static ClusterView placeableBrokers(MetadataImage image) {
    List<BrokerInfo> brokers = new ArrayList<>();
    for (BrokerRegistration broker : image.brokers().values()) {
      if (!broker.fenced() && !image.isCordoned(broker.id())) {
        brokers.add(new BrokerInfo(broker.id(), broker.rack()));
      }
    }
    return ClusterView.of(brokers);
  }

  static ReplicaAssignment assignmentOf(MetadataImage image) {
    Map<TopicPartitionKey, List<Integer>> replicas = new HashMap<>();
    for (TopicImage topic : image.topicsByName().values()) {
      topic
          .partitions()
          .forEach(
              (index, partition) ->
                  replicas.put(new TopicPartitionKey(topic.name(), index), partition.replicas()));
    }
    return ReplicaAssignment.of(replicas);
  }

  private static ApiException toApiException(PlacementException e) {
    return switch (e.rule()) {
      case REPLICATION_FACTOR_AT_LEAST_ONE, DISTINCT_BROKERS ->
          new InvalidReplicationFactorException(e.getMessage());
      case PARTITION_COUNT -> new InvalidPartitionsException(e.getMessage());
      case NEW_TOPIC -> new TopicExistsException(e.getMessage());
      case EXISTING_TOPIC -> new UnknownTopicOrPartitionException(e.getMessage());
      case KNOWN_BROKER -> new InvalidReplicaAssignmentException(e.getMessage());
    };
  }
}
