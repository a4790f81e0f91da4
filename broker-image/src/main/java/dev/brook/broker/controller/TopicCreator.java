package dev.brook.broker.controller;

import dev.brook.broker.metadata.image.DynamicBrokerConfigs;
import dev.brook.broker.metadata.image.MetadataImage;
import dev.brook.broker.metadata.image.PartitionRegistration;
import dev.brook.broker.metadata.record.MetadataRecord;
import dev.brook.broker.metadata.record.MetadataRecord.CreateTopic;
import dev.brook.broker.metadata.record.MetadataRecord.SetPartition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.errors.InvalidPartitionsException;
import org.apache.kafka.common.errors.InvalidReplicaAssignmentException;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.apache.kafka.common.errors.InvalidRequestException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.internals.Topic;
import org.apache.kafka.common.message.CreateTopicsRequestData.CreatableReplicaAssignment;
import org.apache.kafka.common.message.CreateTopicsRequestData.CreatableTopic;
import org.apache.kafka.common.message.CreateTopicsRequestData.CreatableTopicConfig;
import org.apache.kafka.common.requests.ApiError;

/**
 * Decides the records that create topics, with Kafka's validation rules and error codes: legal and
 * non-colliding names, positive partition counts and replication factors (or -1 for the broker
 * defaults), manual assignments with distinct live brokers, valid config overrides. Pure: reads the
 * image, returns records; the controller commits them.
 */
public final class TopicCreator {

  private final int defaultPartitions;
  private final short defaultReplicationFactor;
  private final ReplicaAssigner assigner;
  private final TopicConfigValidator configValidator;

  public TopicCreator(
      int defaultPartitions,
      short defaultReplicationFactor,
      ReplicaAssigner assigner,
      TopicConfigValidator configValidator) {
    this.defaultPartitions = defaultPartitions;
    this.defaultReplicationFactor = defaultReplicationFactor;
    this.assigner = assigner;
    this.configValidator = configValidator;
  }

  public ControllerResult<List<TopicCreationResult>> create(
      MetadataImage image, List<CreatableTopic> topics) {
    List<MetadataRecord> records = new ArrayList<>();
    List<TopicCreationResult> results = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    Set<String> duplicated = new HashSet<>();
    for (CreatableTopic topic : topics) {
      if (!seen.add(topic.name())) {
        duplicated.add(topic.name());
      }
    }
    Set<String> createdHere = new HashSet<>();
    Set<String> refused = new HashSet<>();
    for (CreatableTopic topic : topics) {
      if (duplicated.contains(topic.name())) {
        // One answer per name, as Kafka's controller gives: the response is keyed by name.
        if (!refused.add(topic.name())) {
          continue;
        }
        results.add(
            TopicCreationResult.failed(
                topic.name(),
                ApiError.fromThrowable(
                    new InvalidRequestException(
                        "topic " + topic.name() + " appears more than once in the request"))));
        continue;
      }
      try {
        results.add(createOne(image, topic, createdHere, records));
      } catch (ApiException e) {
        results.add(TopicCreationResult.failed(topic.name(), ApiError.fromThrowable(e)));
      }
    }
    return ControllerResult.of(records, results);
  }

  private TopicCreationResult createOne(
      MetadataImage image,
      CreatableTopic topic,
      Set<String> createdHere,
      List<MetadataRecord> out) {
    String name = topic.name();
    validateName(image, name, createdHere);
    Map<String, String> configs = configsOf(topic);
    configValidator.validate(configs);
    List<List<Integer>> assignment = assignmentOf(image, topic);
    Uuid id = Uuid.randomUuid();
    out.add(new CreateTopic(name, id, configs));
    for (int p = 0; p < assignment.size(); p++) {
      out.add(new SetPartition(id, p, PartitionRegistration.initial(assignment.get(p))));
    }
    createdHere.add(name);
    return new TopicCreationResult(
        name, ApiError.NONE, id, assignment.size(), (short) assignment.get(0).size(), configs);
  }

  private static void validateName(MetadataImage image, String name, Set<String> createdHere) {
    Topic.validate(name);
    if (image.topic(name).isPresent() || createdHere.contains(name)) {
      throw new TopicExistsException("Topic '" + name + "' already exists.");
    }
    for (String existing : image.topicsByName().keySet()) {
      if (Topic.hasCollision(name, existing)) {
        throw new InvalidTopicException(
            "Topic '" + name + "' collides with existing topic '" + existing + "'.");
      }
    }
  }

  private static Map<String, String> configsOf(CreatableTopic topic) {
    Map<String, String> configs = new HashMap<>();
    for (CreatableTopicConfig config : topic.configs()) {
      if (config.value() == null) {
        throw new org.apache.kafka.common.errors.InvalidConfigurationException(
            "Null value not supported for topic configs: " + config.name());
      }
      configs.put(config.name(), config.value());
    }
    return configs;
  }

  private List<List<Integer>> assignmentOf(MetadataImage image, CreatableTopic topic) {
    if (!topic.assignments().isEmpty()) {
      if (topic.numPartitions() != -1 || topic.replicationFactor() != -1) {
        throw new InvalidRequestException(
            "Both numPartitions or replicationFactor and replicasAssignments were set; "
                + "both cannot be used at the same time.");
      }
      return manualAssignment(image, topic);
    }
    int partitions = topic.numPartitions() == -1 ? defaultPartitions : topic.numPartitions();
    short replicationFactor =
        topic.replicationFactor() == -1 ? defaultReplicationFactor : topic.replicationFactor();
    if (partitions <= 0) {
      throw new InvalidPartitionsException(
          "Number of partitions was set to an invalid non-positive value.");
    }
    if (replicationFactor <= 0) {
      throw new InvalidReplicationFactorException(
          "Replication factor must be larger than 0, or -1 to use the default value.");
    }
    return assigner.assign(image, topic.name(), 0, partitions, replicationFactor);
  }

  private static List<List<Integer>> manualAssignment(MetadataImage image, CreatableTopic topic) {
    List<List<Integer>> assignment = new ArrayList<>();
    int expected = 0;
    List<CreatableReplicaAssignment> sorted = new ArrayList<>(topic.assignments());
    sorted.sort(java.util.Comparator.comparingInt(CreatableReplicaAssignment::partitionIndex));
    for (CreatableReplicaAssignment partition : sorted) {
      if (partition.partitionIndex() != expected++) {
        throw new InvalidReplicaAssignmentException(
            "Partitions should be a consecutive 0-based integer sequence");
      }
      assignment.add(validatedReplicas(image, partition.brokerIds()));
    }
    int replicationFactor = assignment.get(0).size();
    if (assignment.stream().anyMatch(r -> r.size() != replicationFactor)) {
      throw new InvalidReplicaAssignmentException(
          "All partitions must have the same number of replicas.");
    }
    return assignment;
  }

  static List<Integer> validatedReplicas(MetadataImage image, List<Integer> brokerIds) {
    if (brokerIds.isEmpty()) {
      throw new InvalidReplicaAssignmentException("A partition needs at least one replica.");
    }
    if (new HashSet<>(brokerIds).size() != brokerIds.size()) {
      throw new InvalidReplicaAssignmentException(
          "Duplicate brokers not allowed in replica assignment: " + brokerIds);
    }
    for (int brokerId : brokerIds) {
      if (!image.brokers().containsKey(brokerId)) {
        throw new InvalidReplicaAssignmentException(
            "The manual partition assignment includes broker "
                + brokerId
                + ", but no such broker is registered.");
      }
      if (image.isCordoned(brokerId)) {
        throw new InvalidReplicaAssignmentException(
            "The manual partition assignment includes broker "
                + brokerId
                + ", which is cordoned ("
                + DynamicBrokerConfigs.CORDONED_LOG_DIRS
                + "): it takes no new partitions.");
      }
    }
    return List.copyOf(brokerIds);
  }
}
