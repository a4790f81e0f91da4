package dev.brook.broker.http;

import dev.brook.broker.network.Request;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.FetchRequestData;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.RecordBatch;

/**
 * Kafka's BrokerTopicMetrics per topic: bytes and messages produced to this broker, and bytes
 * fetched by consumers (follower fetches are replication, not client traffic, and are left out as
 * Kafka leaves them out of BytesOut). Produce traffic is counted as it arrives, fetch traffic as
 * answered without error. Topics named by id (Produce v13, Fetch v13+) are resolved through the
 * metadata.
 */
public final class TopicTraffic {

  private static final String BYTES_IN = "kafka.server.brokertopicmetrics.bytesin";
  private static final String MESSAGES_IN = "kafka.server.brokertopicmetrics.messagesin";
  private static final String BYTES_OUT = "kafka.server.brokertopicmetrics.bytesout";
  private static final Map<String, String> DESCRIPTIONS =
      Map.of(
          BYTES_IN, "Bytes of record batches produced to this broker",
          MESSAGES_IN, "Records produced to this broker",
          BYTES_OUT, "Bytes of records fetched from this broker by consumers");

  private final MeterRegistry registry;
  private final Function<Uuid, String> topicNames;
  private final ConcurrentMap<String, Counter> counters = new ConcurrentHashMap<>();

  public TopicTraffic(MeterRegistry registry, Function<Uuid, String> topicNames) {
    this.registry = registry;
    this.topicNames = topicNames;
  }

  void onRequest(Request request) {
    if (request.apiKey() != ApiKeys.PRODUCE || request.hasUnsupportedVersion()) {
      return;
    }
    for (ProduceRequestData.TopicProduceData topic :
        request.body(ProduceRequestData.class).topicData()) {
      String name = nameOf(topic.name(), topic.topicId());
      for (ProduceRequestData.PartitionProduceData partition : topic.partitionData()) {
        if (partition.records() instanceof MemoryRecords records) {
          counter(BYTES_IN, name).increment(records.sizeInBytes());
          counter(MESSAGES_IN, name).increment(countOf(records));
        }
      }
    }
  }

  void onResponse(Request request, ApiMessage response) {
    if (request.apiKey() != ApiKeys.FETCH || isFromFollower(request)) {
      return;
    }
    for (FetchResponseData.FetchableTopicResponse topic :
        ((FetchResponseData) response).responses()) {
      String name = nameOf(topic.topic(), topic.topicId());
      for (FetchResponseData.PartitionData partition : topic.partitions()) {
        if (partition.errorCode() == Errors.NONE.code() && partition.records() != null) {
          counter(BYTES_OUT, name).increment(partition.records().sizeInBytes());
        }
      }
    }
  }

  private static boolean isFromFollower(Request request) {
    FetchRequestData fetch = request.body(FetchRequestData.class);
    return fetch.replicaId() >= 0 || fetch.replicaState().replicaId() >= 0;
  }

  private static long countOf(MemoryRecords records) {
    long count = 0;
    for (RecordBatch batch : records.batches()) {
      count += batch.lastOffset() - batch.baseOffset() + 1;
    }
    return count;
  }

  private String nameOf(String name, Uuid topicId) {
    if (name != null && !name.isEmpty()) {
      return name;
    }
    String resolved = topicNames.apply(topicId);
    return resolved != null ? resolved : topicId.toString();
  }

  private Counter counter(String meter, String topic) {
    return counters.computeIfAbsent(
        meter + "\u0000" + topic,
        key ->
            Counter.builder(meter)
                .description(DESCRIPTIONS.get(meter))
                .tag("topic", topic)
                .register(registry));
  }
}
