package dev.brook.broker.rpc;

import dev.brook.broker.controller.ClusterController;
import dev.brook.broker.controller.ConfigChange;
import dev.brook.broker.controller.TopicCreationResult;
import dev.brook.broker.rpc.ControllerRpc.AllocateProducerIds;
import dev.brook.broker.rpc.ControllerRpc.AlterConfigs;
import dev.brook.broker.rpc.ControllerRpc.BrokerHeartbeat;
import dev.brook.broker.rpc.ControllerRpc.BrokerUnregistered;
import dev.brook.broker.rpc.ControllerRpc.ConfigsAltered;
import dev.brook.broker.rpc.ControllerRpc.CreateTopics;
import dev.brook.broker.rpc.ControllerRpc.HeartbeatReply;
import dev.brook.broker.rpc.ControllerRpc.ProducerIdsReply;
import dev.brook.broker.rpc.ControllerRpc.TopicsCreated;
import dev.brook.broker.rpc.ControllerRpc.UnregisterBroker;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.message.AllocateProducerIdsRequestData;
import org.apache.kafka.common.message.AllocateProducerIdsResponseData;
import org.apache.kafka.common.message.BrokerHeartbeatRequestData;
import org.apache.kafka.common.message.BrokerHeartbeatResponseData;
import org.apache.kafka.common.message.CreateTopicsRequestData;
import org.apache.kafka.common.message.CreateTopicsRequestData.CreatableTopic;
import org.apache.kafka.common.message.CreateTopicsResponseData;
import org.apache.kafka.common.message.CreateTopicsResponseData.CreatableTopicConfigs;
import org.apache.kafka.common.message.CreateTopicsResponseData.CreatableTopicResult;
import org.apache.kafka.common.message.IncrementalAlterConfigsRequestData;
import org.apache.kafka.common.message.IncrementalAlterConfigsRequestData.AlterConfigsResource;
import org.apache.kafka.common.message.IncrementalAlterConfigsRequestData.AlterableConfig;
import org.apache.kafka.common.message.IncrementalAlterConfigsResponseData;
import org.apache.kafka.common.message.IncrementalAlterConfigsResponseData.AlterConfigsResourceResponse;
import org.apache.kafka.common.message.UnregisterBrokerRequestData;
import org.apache.kafka.common.message.UnregisterBrokerResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.ApiError;

/**
 * The controller RPCs that Kafka also has, in the form of Kafka's generated messages: heartbeats
 * (BrokerHeartbeat), producer-id blocks (AllocateProducerIds), forwarded topic creation
 * (CreateTopics) and config changes (IncrementalAlterConfigs), and UnregisterBroker. Each pair of
 * methods maps one way and back; fields Brook does not use keep Kafka's defaults.
 */
final class KafkaForms {

  private KafkaForms() {}

  static BrokerHeartbeatRequestData toData(BrokerHeartbeat request) {
    return new BrokerHeartbeatRequestData()
        .setBrokerId(request.brokerId())
        .setBrokerEpoch(request.epoch());
  }

  static BrokerHeartbeat fromData(BrokerHeartbeatRequestData data) {
    return new BrokerHeartbeat(data.brokerId(), data.brokerEpoch());
  }

  static BrokerHeartbeatResponseData toData(HeartbeatReply reply) {
    return new BrokerHeartbeatResponseData()
        .setErrorCode(reply.error().code())
        .setIsFenced(reply.fenced())
        .setShouldShutDown(reply.shouldShutDown());
  }

  static HeartbeatReply fromData(BrokerHeartbeatResponseData data) {
    return new HeartbeatReply(
        Errors.forCode(data.errorCode()), data.isFenced(), data.shouldShutDown());
  }

  static AllocateProducerIdsRequestData toData(AllocateProducerIds request) {
    return new AllocateProducerIdsRequestData().setBrokerId(request.brokerId()).setBrokerEpoch(-1);
  }

  static AllocateProducerIds fromData(AllocateProducerIdsRequestData data) {
    return new AllocateProducerIds(data.brokerId());
  }

  static AllocateProducerIdsResponseData toData(ProducerIdsReply reply) {
    return new AllocateProducerIdsResponseData()
        .setErrorCode(reply.error().code())
        .setProducerIdStart(reply.firstProducerId())
        .setProducerIdLen(
            reply.error() == Errors.NONE ? ClusterController.PRODUCER_ID_BLOCK_SIZE : 0);
  }

  static ProducerIdsReply fromData(AllocateProducerIdsResponseData data) {
    return new ProducerIdsReply(Errors.forCode(data.errorCode()), data.producerIdStart());
  }

  static CreateTopicsRequestData toData(CreateTopics request) {
    CreateTopicsRequestData data =
        new CreateTopicsRequestData().setValidateOnly(request.validateOnly());
    for (CreatableTopic topic : request.topics()) {
      data.topics().add(topic.duplicate());
    }
    return data;
  }

  static CreateTopics fromData(CreateTopicsRequestData data) {
    return new CreateTopics(new ArrayList<>(data.topics()), data.validateOnly());
  }

  static CreateTopicsResponseData toData(TopicsCreated reply) {
    CreateTopicsResponseData data = new CreateTopicsResponseData();
    for (TopicCreationResult result : reply.results()) {
      CreatableTopicResult topic =
          new CreatableTopicResult()
              .setName(result.name())
              .setTopicId(result.topicId())
              .setErrorCode(result.error().error().code())
              .setErrorMessage(result.error().message())
              .setNumPartitions(result.partitions())
              .setReplicationFactor(result.replicationFactor());
      new TreeMap<>(result.configs())
          .forEach(
              (name, value) ->
                  topic.configs().add(new CreatableTopicConfigs().setName(name).setValue(value)));
      data.topics().add(topic);
    }
    return data;
  }

  static TopicsCreated fromData(Errors error, CreateTopicsResponseData data) {
    List<TopicCreationResult> results = new ArrayList<>(data.topics().size());
    for (CreatableTopicResult topic : data.topics()) {
      Map<String, String> configs = new TreeMap<>();
      topic.configs().forEach(config -> configs.put(config.name(), config.value()));
      results.add(
          new TopicCreationResult(
              topic.name(),
              new ApiError(Errors.forCode(topic.errorCode()), topic.errorMessage()),
              topic.topicId(),
              topic.numPartitions(),
              topic.replicationFactor(),
              configs));
    }
    return new TopicsCreated(error, results);
  }

  static IncrementalAlterConfigsRequestData toData(AlterConfigs request) {
    IncrementalAlterConfigsRequestData data =
        new IncrementalAlterConfigsRequestData().setValidateOnly(request.validateOnly());
    new TreeMap<>(request.changes())
        .forEach(
            (name, changes) -> {
              AlterConfigsResource resource =
                  new AlterConfigsResource()
                      .setResourceType(request.type().id())
                      .setResourceName(name);
              for (ConfigChange change : changes) {
                resource
                    .configs()
                    .add(
                        new AlterableConfig()
                            .setName(change.key())
                            .setConfigOperation(change.op().id())
                            .setValue(change.value()));
              }
              data.resources().add(resource);
            });
    return data;
  }

  /** The request's resources must all be of one type, as Brook's controller takes them. */
  static AlterConfigs fromData(IncrementalAlterConfigsRequestData data) {
    ConfigResource.Type type = ConfigResource.Type.UNKNOWN;
    Map<String, List<ConfigChange>> changes = new TreeMap<>();
    for (AlterConfigsResource resource : data.resources()) {
      ConfigResource.Type resourceType = ConfigResource.Type.forId(resource.resourceType());
      if (type != ConfigResource.Type.UNKNOWN && resourceType != type) {
        throw new IllegalArgumentException(
            "config changes forwarded for both " + type + " and " + resourceType);
      }
      type = resourceType;
      List<ConfigChange> resourceChanges = new ArrayList<>();
      for (AlterableConfig config : resource.configs()) {
        resourceChanges.add(
            new ConfigChange(
                config.name(),
                AlterConfigOp.OpType.forId(config.configOperation()),
                config.value()));
      }
      changes.put(resource.resourceName(), resourceChanges);
    }
    return new AlterConfigs(type, changes, data.validateOnly());
  }

  static IncrementalAlterConfigsResponseData toData(ConfigsAltered reply) {
    IncrementalAlterConfigsResponseData data = new IncrementalAlterConfigsResponseData();
    new TreeMap<>(reply.results())
        .forEach(
            (name, outcome) ->
                data.responses()
                    .add(
                        new AlterConfigsResourceResponse()
                            .setResourceName(name)
                            .setErrorCode(outcome.error().code())
                            .setErrorMessage(outcome.message())));
    return data;
  }

  static ConfigsAltered fromData(Errors error, IncrementalAlterConfigsResponseData data) {
    Map<String, ApiError> results = new TreeMap<>();
    for (AlterConfigsResourceResponse response : data.responses()) {
      results.put(
          response.resourceName(),
          new ApiError(Errors.forCode(response.errorCode()), response.errorMessage()));
    }
    return new ConfigsAltered(error, results);
  }

  static UnregisterBrokerRequestData toData(UnregisterBroker request) {
    return new UnregisterBrokerRequestData().setBrokerId(request.brokerId());
  }

  static UnregisterBroker fromData(UnregisterBrokerRequestData data) {
    return new UnregisterBroker(data.brokerId());
  }

  static UnregisterBrokerResponseData toData(BrokerUnregistered reply) {
    return new UnregisterBrokerResponseData()
        .setErrorCode(reply.outcome().error().code())
        .setErrorMessage(reply.outcome().message());
  }

  static BrokerUnregistered fromData(UnregisterBrokerResponseData data) {
    return new BrokerUnregistered(
        new ApiError(Errors.forCode(data.errorCode()), data.errorMessage()));
  }
}
