package dev.brook.broker.controller;

import dev.brook.broker.metadata.image.MetadataImage;
import dev.brook.broker.metadata.image.PartitionRegistration;
import dev.brook.broker.metadata.image.TopicImage;
import dev.brook.broker.metadata.record.MetadataRecord;
import dev.brook.broker.metadata.record.MetadataRecord.SetPartition;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.errors.InvalidPartitionsException;
import org.apache.kafka.common.errors.InvalidReplicaAssignmentException;
import org.apache.kafka.common.errors.InvalidRequestException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.message.CreatePartitionsRequestData.CreatePartitionsAssignment;
import org.apache.kafka.common.message.CreatePartitionsRequestData.CreatePartitionsTopic;
import org.apache.kafka.common.requests.ApiError;

/** Decides the records that grow topics' partition counts (partitions never shrink). */
public final class PartitionCreator {

  private final ReplicaAssigner assigner;

  public PartitionCreator(ReplicaAssigner assigner) {
    this.assigner = assigner;
  }

  public ControllerResult<Map<String, ApiError>> create(
      MetadataImage image, List<CreatePartitionsTopic> topics) {
    List<MetadataRecord> records = new ArrayList<>();
    Map<String, ApiError> results = new LinkedHashMap<>();
    Set<String> seen = new HashSet<>();
    for (CreatePartitionsTopic topic : topics) {
      if (!seen.add(topic.name())) {
        results.put(
            topic.name(),
            ApiError.fromThrowable(
                new InvalidRequestException("Duplicate topic name " + topic.name())));
        continue;
      }
      try {
        records.addAll(createFor(image, topic));
        results.put(topic.name(), ApiError.NONE);
      } catch (ApiException e) {
        results.put(topic.name(), ApiError.fromThrowable(e));
      }
    }
    return ControllerResult.of(records, results);
  }

  private List<MetadataRecord> createFor(MetadataImage image, CreatePartitionsTopic request) {
    TopicImage topic =
        image
            .topic(request.name())
            .orElseThrow(
                () ->
                    new UnknownTopicOrPartitionException(
                        "Topic " + request.name() + " does not exist."));
    int current = topic.partitionCount();
    int requested = request.count();
    if (requested < current) {
      throw new InvalidPartitionsException(
          "Topic currently has "
              + current
              + " partitions, which is higher than the requested "
              + requested
              + ".");
    }
    if (requested == current) {
      throw new InvalidPartitionsException("Topic already has " + current + " partitions.");
    }
    int added = requested - current;
    short replicationFactor = (short) topic.partitions().get(0).replicas().size();
    List<List<Integer>> assignment =
        request.assignments() == null
            ? assigner.assign(image, topic.name(), current, added, replicationFactor)
            : manualAssignment(image, request.assignments(), added);
    List<MetadataRecord> records = new ArrayList<>();
    for (int i = 0; i < added; i++) {
      records.add(
          new SetPartition(
              topic.id(), current + i, PartitionRegistration.initial(assignment.get(i))));
    }
    return records;
  }

  private static List<List<Integer>> manualAssignment(
      MetadataImage image, List<CreatePartitionsAssignment> assignments, int added) {
    if (assignments.size() != added) {
      throw new InvalidReplicaAssignmentException(
          "Attempted to add "
              + added
              + " additional partition(s), but only "
              + assignments.size()
              + " assignment(s) were specified.");
    }
    List<List<Integer>> result = new ArrayList<>();
    for (CreatePartitionsAssignment assignment : assignments) {
      result.add(TopicCreator.validatedReplicas(image, assignment.brokerIds()));
    }
    return result;
  }
}
