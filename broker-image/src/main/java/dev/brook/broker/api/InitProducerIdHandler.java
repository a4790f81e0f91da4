package dev.brook.broker.api;

import dev.brook.broker.network.Request;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.InitProducerIdRequestData;
import org.apache.kafka.common.message.InitProducerIdResponseData;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.RecordBatch;

/**
 * InitProducerId for idempotent producers: a fresh producer id at epoch 0, also when a producer
 * asks to resume with its old id (as Kafka does without a transactional id). Transactional ids are
 * refused until transactions exist.
 */
final class InitProducerIdHandler implements ApiHandler {

  private final ProducerIdManager producerIds;

  InitProducerIdHandler(ProducerIdManager producerIds) {
    this.producerIds = producerIds;
  }

  @Override
  public CompletableFuture<ApiMessage> handle(Request request) {
    InitProducerIdRequestData data = request.body(InitProducerIdRequestData.class);
    if (data.transactionalId() != null) {
      return CompletableFuture.completedFuture(
          new InitProducerIdResponseData()
              .setErrorCode(Errors.INVALID_REQUEST.code())
              .setProducerId(RecordBatch.NO_PRODUCER_ID)
              .setProducerEpoch(RecordBatch.NO_PRODUCER_EPOCH));
    }
    return producerIds
        .nextProducerId()
        .thenApply(
            id -> new InitProducerIdResponseData().setProducerId(id).setProducerEpoch((short) 0));
  }
}
