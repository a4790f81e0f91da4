package dev.brook.broker.controller;

import dev.brook.broker.metadata.image.BrokerRegistration;
import dev.brook.broker.metadata.image.MetadataImage;
import dev.brook.broker.metadata.image.PartitionRegistration;
import dev.brook.broker.metadata.image.TopicImage;
import dev.brook.broker.metadata.record.MetadataRecord.UnregisterBroker;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.ApiError;

/**
 * Decides an UnregisterBroker request ({@code kafka-cluster unregister}): a registered broker
 * leaves the metadata once it is fenced and no partition names it any more. Kafka also unregisters
 * a live broker or one that still holds replicas (which then point at a broker nobody knows); Brook
 * refuses both with a reason, so an unregistration can never strand a replica.
 */
public final class BrokerUnregisterer {

  private static final int PARTITIONS_NAMED = 3;

  public ControllerResult<ApiError> unregister(MetadataImage image, int brokerId) {
    BrokerRegistration broker = image.brokers().get(brokerId);
    if (broker == null) {
      return refused(Errors.BROKER_ID_NOT_REGISTERED, "Broker " + brokerId + " is not registered");
    }
    if (!broker.fenced()) {
      return refused(
          Errors.INVALID_REQUEST,
          "Broker " + brokerId + " is alive (unfenced); stop it before unregistering it");
    }
    List<String> holding = partitionsNaming(image, brokerId);
    if (!holding.isEmpty()) {
      return refused(
          Errors.INVALID_REQUEST,
          "Broker "
              + brokerId
              + " is still a replica of "
              + holding.size()
              + " partition(s), "
              + String.join(", ", holding.subList(0, Math.min(PARTITIONS_NAMED, holding.size())))
              + (holding.size() > PARTITIONS_NAMED ? ", ..." : "")
              + "; reassign them before unregistering it");
    }
    return ControllerResult.of(List.of(new UnregisterBroker(brokerId)), ApiError.NONE);
  }

  private static List<String> partitionsNaming(MetadataImage image, int brokerId) {
    List<String> holding = new ArrayList<>();
    for (TopicImage topic : image.topicsByName().values()) {
      for (Map.Entry<Integer, PartitionRegistration> partition : topic.partitions().entrySet()) {
        PartitionRegistration p = partition.getValue();
        if (p.replicas().contains(brokerId)
            || p.isr().contains(brokerId)
            || p.leader() == brokerId) {
          holding.add(topic.name() + "-" + partition.getKey());
        }
      }
    }
    holding.sort(null);
    return holding;
  }

  private static ControllerResult<ApiError> refused(Errors error, String message) {
    return ControllerResult.of(List.of(), new ApiError(error, message));
  }
}
