package dev.brook.broker.api;

import dev.brook.broker.metadata.MetadataCache;
import dev.brook.broker.metadata.image.BrokerRegistration;
import dev.brook.broker.network.Request;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.DescribeClusterRequestData;
import org.apache.kafka.common.message.DescribeClusterResponseData;
import org.apache.kafka.common.message.DescribeClusterResponseData.DescribeClusterBroker;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;

/** DescribeCluster: cluster id, controller and brokers (with racks) on the request's listener. */
final class DescribeClusterHandler implements ApiHandler {

  private static final byte ENDPOINT_TYPE_BROKERS = 1;

  private final MetadataCache cache;
  private final ClusterIdentity identity;

  DescribeClusterHandler(MetadataCache cache, ClusterIdentity identity) {
    this.cache = cache;
    this.identity = identity;
  }

  @Override
  public CompletableFuture<ApiMessage> handle(Request request) {
    DescribeClusterRequestData data = request.body(DescribeClusterRequestData.class);
    DescribeClusterResponseData response =
        new DescribeClusterResponseData()
            .setClusterId(identity.clusterId())
            .setEndpointType(ENDPOINT_TYPE_BROKERS)
            .setClusterAuthorizedOperations(MetadataResponseBuilder.AUTHORIZED_OPERATIONS_OMITTED);
    if (request.apiVersion() >= 1 && data.endpointType() != ENDPOINT_TYPE_BROKERS) {
      return CompletableFuture.completedFuture(
          response
              .setErrorCode(Errors.UNSUPPORTED_ENDPOINT_TYPE.code())
              .setErrorMessage("Brook serves broker endpoints only (endpoint type 1)"));
    }
    for (BrokerRegistration broker : cache.image().brokers().values()) {
      if (broker.fenced() && !data.includeFencedBrokers()) {
        continue;
      }
      broker
          .endpoint(request.listenerName())
          .ifPresent(
              endpoint ->
                  response
                      .brokers()
                      .add(
                          new DescribeClusterBroker()
                              .setBrokerId(broker.id())
                              .setHost(endpoint.host())
                              .setPort(endpoint.port())
                              .setRack(broker.rack().orElse(null))
                              .setIsFenced(broker.fenced())));
    }
    List<Integer> unfenced =
        response.brokers().stream()
            .filter(b -> !b.isFenced())
            .map(DescribeClusterBroker::brokerId)
            .toList();
    return CompletableFuture.completedFuture(
        response.setControllerId(identity.controllerAmong(unfenced)));
  }
}
