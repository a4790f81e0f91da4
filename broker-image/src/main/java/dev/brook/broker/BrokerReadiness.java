package dev.brook.broker;

import dev.brook.broker.metadata.MetadataListener;
import dev.brook.broker.metadata.image.BrokerRegistration;
import dev.brook.broker.metadata.image.MetadataImage;
import java.util.concurrent.CompletableFuture;

/**
 * Whether this broker may serve clients: once its own metadata image holds this incarnation's
 * registration, unfenced. The controller unfences a broker only when it has caught up with the
 * metadata log, so from then on Metadata answers list at least this broker and every topic created
 * before it started. Kafka gates request processing on the same event.
 */
final class BrokerReadiness implements MetadataListener {

  private final int nodeId;
  private final long incarnationEpoch;
  private final CompletableFuture<Void> ready = new CompletableFuture<>();

  BrokerReadiness(int nodeId, long incarnationEpoch) {
    this.nodeId = nodeId;
    this.incarnationEpoch = incarnationEpoch;
  }

  /** Completes once, the first time this incarnation is registered and unfenced. */
  CompletableFuture<Void> ready() {
    return ready;
  }

  @Override
  public void onMetadataUpdate(MetadataImage previous, MetadataImage current) {
    BrokerRegistration self = current.brokers().get(nodeId);
    if (self != null && self.epoch() == incarnationEpoch && !self.fenced()) {
      ready.complete(null);
    }
  }
}
