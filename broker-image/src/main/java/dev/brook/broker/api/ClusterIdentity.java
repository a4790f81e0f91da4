package dev.brook.broker.api;

import java.util.Collection;
import org.apache.kafka.common.requests.MetadataResponse;

/**
 * Who this cluster and this broker are, as clients see them. {@code controllerId} is the quorum
 * leader, whose broker routes controller-bound admin requests (CreateTopics, DeleteTopics, ...);
 * any broker forwards them, so what clients are told is {@link #controllerAmong}.
 */
public record ClusterIdentity(
    String clusterId, int brokerId, java.util.function.IntSupplier controllerId) {

  /**
   * The controller id a response listing {@code listedBrokerIds} reports: clients send
   * controller-bound requests to it and know only the brokers listed, so it must be one of them
   * (Apache Kafka reports a random live broker in KRaft). The quorum leader while it is listed,
   * else the lowest listed id: right after a start the leader may not have registered as a broker
   * yet, and kafka-python's admin client then failed with "Connection failed to" the leader, as
   * librdkafka's create_topics waited for it. -1 (no controller) when no broker is listed.
   */
  public int controllerAmong(Collection<Integer> listedBrokerIds) {
    int leader = controllerId.getAsInt();
    if (listedBrokerIds.contains(leader)) {
      return leader;
    }
    return listedBrokerIds.stream()
        .mapToInt(Integer::intValue)
        .min()
        .orElse(MetadataResponse.NO_CONTROLLER_ID);
  }
}
