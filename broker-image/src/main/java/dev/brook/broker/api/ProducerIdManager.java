package dev.brook.broker.api;

import dev.brook.broker.controller.ClusterController;
import java.util.concurrent.CompletableFuture;

/**
 * Hands out producer ids from blocks the controller reserves for this broker, so that ids are
 * unique cluster-wide and never reused after a restart (the reservation is in the metadata log).
 */
final class ProducerIdManager {

  private final ClusterController controller;
  private final int brokerId;
  private long next;
  private long blockEnd;
  private CompletableFuture<Long> pendingBlock;

  ProducerIdManager(ClusterController controller, int brokerId) {
    this.controller = controller;
    this.brokerId = brokerId;
  }

  synchronized CompletableFuture<Long> nextProducerId() {
    if (next < blockEnd) {
      return CompletableFuture.completedFuture(next++);
    }
    if (pendingBlock == null) {
      pendingBlock = controller.allocateProducerIds(brokerId);
    }
    return pendingBlock.thenCompose(first -> takeFromBlock(first));
  }

  private synchronized CompletableFuture<Long> takeFromBlock(long first) {
    if (pendingBlock != null && first >= blockEnd) {
      next = first;
      blockEnd = first + ClusterController.PRODUCER_ID_BLOCK_SIZE;
      pendingBlock = null;
    }
    return nextProducerId();
  }
}
