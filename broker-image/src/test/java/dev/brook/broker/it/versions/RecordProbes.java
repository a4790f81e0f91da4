package dev.brook.broker.it.versions;

import static dev.brook.broker.it.versions.MatrixBroker.BASE_TIMESTAMP;
import static dev.brook.broker.it.versions.MatrixBroker.RECORDS_PER_PARTITION;
import static dev.brook.broker.it.versions.MatrixBroker.TOPIC;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.message.FetchRequestData;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.message.ListOffsetsRequestData;
import org.apache.kafka.common.message.ListOffsetsResponseData;
import org.apache.kafka.common.message.ListOffsetsResponseData.ListOffsetsPartitionResponse;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.message.ProduceResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.Record;
import org.apache.kafka.common.record.SimpleRecord;
import org.apache.kafka.common.requests.ListOffsetsRequest;

/** Probes for the APIs that carry or locate records: Produce, Fetch and ListOffsets. */
final class RecordProbes {

  /** Produce below v3 is refused on arrival (as Kafka 4 does), though v0 is advertised. */
  private static final short OLDEST_PRODUCE_SERVED = 3;

  private static final short FIRST_FETCH_BY_TOPIC_ID = 13;
  private static final short FIRST_PRODUCE_BY_TOPIC_ID = 13;

  private RecordProbes() {}

  static void register(Map<ApiKeys, VersionProbe> probes) {
    probes.put(ApiKeys.PRODUCE, RecordProbes::produce);
    probes.put(ApiKeys.FETCH, RecordProbes::fetch);
    probes.put(ApiKeys.LIST_OFFSETS, RecordProbes::listOffsets);
  }

  private static void produce(MatrixBroker broker, short version) throws Exception {
    if (version < OLDEST_PRODUCE_SERVED) {
      // kafka-clients 4 cannot even write these versions: only the header tells the version.
      assertThat(broker.closesConnectionOnHeaderOnly(ApiKeys.PRODUCE, version)).isTrue();
      return;
    }
    String topic = broker.topicWithRecords("produce", 0);
    ProduceRequestData request = produceRequest(broker, topic, version);
    for (int batch = 0; batch < 2; batch++) {
      ProduceResponseData response = broker.call(request, version);
      ProduceResponseData.PartitionProduceResponse partition =
          response.responses().iterator().next().partitionResponses().get(0);
      assertThat(partition.errorCode()).isEqualTo(Errors.NONE.code());
      assertThat(partition.baseOffset()).isEqualTo(batch * 3L);
      if (version >= 5) {
        assertThat(partition.logStartOffset()).isZero();
      }
      assertThat(partition.logAppendTimeMs()).isEqualTo(-1);
    }
    assertThat(latestOffset(broker, topic)).isEqualTo(6);
  }

  private static ProduceRequestData produceRequest(MatrixBroker broker, String topic, short version)
      throws Exception {
    MemoryRecords records =
        MemoryRecords.withRecords(
            Compression.NONE,
            new SimpleRecord(BASE_TIMESTAMP, bytes("a"), bytes("1")),
            new SimpleRecord(BASE_TIMESTAMP, bytes("b"), bytes("2")),
            new SimpleRecord(BASE_TIMESTAMP, bytes("c"), bytes("3")));
    ProduceRequestData.TopicProduceData data = new ProduceRequestData.TopicProduceData();
    if (version >= FIRST_PRODUCE_BY_TOPIC_ID) {
      data.setTopicId(topicId(broker, topic));
    } else {
      data.setName(topic);
    }
    data.partitionData()
        .add(new ProduceRequestData.PartitionProduceData().setIndex(0).setRecords(records));
    ProduceRequestData request = new ProduceRequestData().setAcks((short) -1).setTimeoutMs(10_000);
    request.topicData().add(data);
    return request;
  }

  private static void fetch(MatrixBroker broker, short version) throws Exception {
    FetchRequestData.FetchTopic topic = new FetchRequestData.FetchTopic();
    if (version >= FIRST_FETCH_BY_TOPIC_ID) {
      topic.setTopicId(broker.topicId());
    } else {
      topic.setTopic(TOPIC);
    }
    topic.partitions().add(fetchPartition(0, 0, version));
    topic.partitions().add(fetchPartition(1, RECORDS_PER_PARTITION - 2, version));
    FetchRequestData request =
        new FetchRequestData()
            .setMaxWaitMs(100)
            .setMinBytes(1)
            .setMaxBytes(1 << 20)
            .setIsolationLevel((byte) 0)
            .setTopics(List.of(topic));
    if (version <= 14) {
      request.setReplicaId(-1);
    }
    FetchResponseData response = broker.call(request, version);
    assertThat(response.errorCode()).isEqualTo(Errors.NONE.code());
    FetchResponseData.FetchableTopicResponse topicResponse = response.responses().get(0);
    if (version >= FIRST_FETCH_BY_TOPIC_ID) {
      assertThat(topicResponse.topicId()).isEqualTo(broker.topicId());
    } else {
      assertThat(topicResponse.topic()).isEqualTo(TOPIC);
    }
    assertThat(topicResponse.partitions()).hasSize(2);
    for (FetchResponseData.PartitionData partition : topicResponse.partitions()) {
      assertThat(partition.errorCode()).isEqualTo(Errors.NONE.code());
      assertThat(partition.highWatermark()).isEqualTo(RECORDS_PER_PARTITION);
      assertThat(partition.lastStableOffset()).isEqualTo(RECORDS_PER_PARTITION);
      if (version >= 5) {
        assertThat(partition.logStartOffset()).isZero();
      }
    }
    assertThat(offsetsOf(topicResponse.partitions().get(0)))
        .containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
    assertThat(offsetsOf(topicResponse.partitions().get(1))).containsExactly(8L, 9L);
  }

  private static FetchRequestData.FetchPartition fetchPartition(
      int partition, long offset, short version) {
    FetchRequestData.FetchPartition request =
        new FetchRequestData.FetchPartition()
            .setPartition(partition)
            .setFetchOffset(offset)
            .setPartitionMaxBytes(1 << 20);
    if (version >= 5) {
      request.setLogStartOffset(-1);
    }
    return request;
  }

  private static List<Long> offsetsOf(FetchResponseData.PartitionData partition) {
    List<Long> offsets = new ArrayList<>();
    for (Record record : ((MemoryRecords) partition.records()).records()) {
      offsets.add(record.offset());
    }
    return offsets;
  }

  private static void listOffsets(MatrixBroker broker, short version) throws Exception {
    int epoch = DataPlaneProbes.leaderEpoch(broker, TOPIC);
    assertOffset(broker, version, ListOffsetsRequest.EARLIEST_TIMESTAMP, 0, -1);
    ListOffsetsPartitionResponse latest =
        assertOffset(
            broker, version, ListOffsetsRequest.LATEST_TIMESTAMP, RECORDS_PER_PARTITION, -1);
    if (version >= 4) {
      assertThat(latest.leaderEpoch()).isEqualTo(epoch);
    }
    assertOffset(broker, version, BASE_TIMESTAMP + 5, 5, BASE_TIMESTAMP + 5);
    assertOffset(broker, version, BASE_TIMESTAMP + RECORDS_PER_PARTITION, -1, -1);
    if (version >= 7) {
      assertOffset(
          broker,
          version,
          ListOffsetsRequest.MAX_TIMESTAMP,
          RECORDS_PER_PARTITION - 1,
          BASE_TIMESTAMP + RECORDS_PER_PARTITION - 1);
    }
    if (version >= 8) {
      assertOffset(broker, version, ListOffsetsRequest.EARLIEST_LOCAL_TIMESTAMP, 0, -1);
    }
    if (version >= 9) {
      // No tiered storage: nothing has been tiered, as Kafka answers with remote storage off.
      assertOffset(broker, version, ListOffsetsRequest.LATEST_TIERED_TIMESTAMP, -1, -1);
    }
  }

  private static ListOffsetsPartitionResponse assertOffset(
      MatrixBroker broker, short version, long timestamp, long offset, long foundTimestamp)
      throws Exception {
    ListOffsetsPartitionResponse answer = listOffset(broker, TOPIC, version, timestamp);
    assertThat(answer.errorCode()).as("error at timestamp %d", timestamp).isZero();
    assertThat(answer.offset()).as("offset at timestamp %d", timestamp).isEqualTo(offset);
    assertThat(answer.timestamp()).as("timestamp at %d", timestamp).isEqualTo(foundTimestamp);
    return answer;
  }

  static long earliestOffset(MatrixBroker broker, String topic) throws Exception {
    return listOffset(
            broker,
            topic,
            MatrixBroker.newest(ApiKeys.LIST_OFFSETS),
            ListOffsetsRequest.EARLIEST_TIMESTAMP)
        .offset();
  }

  static long latestOffset(MatrixBroker broker, String topic) throws Exception {
    return listOffset(
            broker,
            topic,
            MatrixBroker.newest(ApiKeys.LIST_OFFSETS),
            ListOffsetsRequest.LATEST_TIMESTAMP)
        .offset();
  }

  private static ListOffsetsPartitionResponse listOffset(
      MatrixBroker broker, String topic, short version, long timestamp) throws Exception {
    ListOffsetsRequestData request = new ListOffsetsRequestData().setReplicaId(-1);
    request
        .topics()
        .add(
            new ListOffsetsRequestData.ListOffsetsTopic()
                .setName(topic)
                .setPartitions(
                    List.of(
                        new ListOffsetsRequestData.ListOffsetsPartition()
                            .setPartitionIndex(0)
                            .setTimestamp(timestamp))));
    ListOffsetsResponseData response = broker.call(request, version);
    return response.topics().get(0).partitions().get(0);
  }

  private static Uuid topicId(MatrixBroker broker, String topic) throws Exception {
    return broker.admin().describeTopics(List.of(topic)).allTopicNames().get().get(topic).topicId();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
