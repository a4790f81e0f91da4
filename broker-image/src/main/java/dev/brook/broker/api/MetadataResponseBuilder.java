package dev.brook.broker.api;

import dev.brook.broker.config.Listener;
import dev.brook.broker.metadata.image.BrokerRegistration;
import dev.brook.broker.metadata.image.MetadataImage;
import dev.brook.broker.metadata.image.PartitionRegistration;
import dev.brook.broker.metadata.image.TopicImage;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.internals.Topic;
import org.apache.kafka.common.message.MetadataResponseData;
import org.apache.kafka.common.message.MetadataResponseData.MetadataResponseBroker;
import org.apache.kafka.common.message.MetadataResponseData.MetadataResponsePartition;
import org.apache.kafka.common.message.MetadataResponseData.MetadataResponseTopic;
import org.apache.kafka.common.protocol.Errors;

/** Renders brokers, topics and partitions of an image the way Metadata responses carry them. */
final class MetadataResponseBuilder {

  /** Kafka's marker for "authorized operations not requested". */
  static final int AUTHORIZED_OPERATIONS_OMITTED = Integer.MIN_VALUE;

  private final ClusterIdentity identity;

  MetadataResponseBuilder(ClusterIdentity identity) {
    this.identity = identity;
  }

  MetadataResponseData base(MetadataImage image, String listenerName, short version) {
    MetadataResponseData response =
        new MetadataResponseData()
            .setClusterId(identity.clusterId())
            .setClusterAuthorizedOperations(AUTHORIZED_OPERATIONS_OMITTED);
    for (BrokerRegistration broker : listedBrokers(image)) {
      Optional<Listener> endpoint = broker.endpoint(listenerName);
      endpoint.ifPresent(
          e ->
              response
                  .brokers()
                  .add(
                      new MetadataResponseBroker()
                          .setNodeId(broker.id())
                          .setHost(e.host())
                          .setPort(e.port())
                          .setRack(broker.rack().orElse(null))));
    }
    return response.setControllerId(
        identity.controllerAmong(
            response.brokers().stream().map(MetadataResponseBroker::nodeId).toList()));
  }

  /**
   * The unfenced brokers, and always the answering one: a client must never be told of a cluster
   * without the broker it is talking to (librdkafka takes an empty list for a partial answer).
   */
  private List<BrokerRegistration> listedBrokers(MetadataImage image) {
    return image.brokers().values().stream()
        .filter(b -> !b.fenced() || b.id() == identity.brokerId())
        .toList();
  }

  MetadataResponseTopic describe(TopicImage topic, MetadataImage image, String listenerName) {
    MetadataResponseTopic result =
        new MetadataResponseTopic()
            .setName(topic.name())
            .setTopicId(topic.id())
            .setIsInternal(Topic.isInternal(topic.name()))
            .setTopicAuthorizedOperations(AUTHORIZED_OPERATIONS_OMITTED);
    topic
        .partitions()
        .forEach(
            (index, partition) ->
                result.partitions().add(describe(index, partition, image, listenerName)));
    return result;
  }

  private static MetadataResponsePartition describe(
      int index, PartitionRegistration partition, MetadataImage image, String listenerName) {
    List<Integer> offline =
        partition.replicas().stream().filter(id -> !isReachable(image, id, listenerName)).toList();
    boolean leaderReachable =
        partition.hasLeader() && isReachable(image, partition.leader(), listenerName);
    return new MetadataResponsePartition()
        .setPartitionIndex(index)
        .setErrorCode(leaderReachable ? Errors.NONE.code() : Errors.LEADER_NOT_AVAILABLE.code())
        .setLeaderId(leaderReachable ? partition.leader() : PartitionRegistration.NO_LEADER)
        .setLeaderEpoch(partition.leaderEpoch())
        .setReplicaNodes(partition.replicas())
        .setIsrNodes(partition.isr())
        .setOfflineReplicas(offline);
  }

  private static boolean isReachable(MetadataImage image, int brokerId, String listenerName) {
    BrokerRegistration broker = image.brokers().get(brokerId);
    return broker != null && !broker.fenced() && broker.endpoint(listenerName).isPresent();
  }

  MetadataResponseTopic error(String name, Uuid id, Errors error) {
    return new MetadataResponseTopic()
        .setName(name)
        .setTopicId(id)
        .setErrorCode(error.code())
        .setTopicAuthorizedOperations(AUTHORIZED_OPERATIONS_OMITTED);
  }
}
