package dev.brook.bench;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.message.DeleteRecordsRequestData;
import org.apache.kafka.common.message.DeleteRecordsRequestData.DeleteRecordsPartition;
import org.apache.kafka.common.message.DeleteRecordsRequestData.DeleteRecordsTopic;
import org.apache.kafka.common.message.DeleteRecordsResponseData;
import org.apache.kafka.common.message.FetchRequestData;
import org.apache.kafka.common.message.FetchRequestData.FetchPartition;
import org.apache.kafka.common.message.FetchRequestData.FetchTopic;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.message.ListOffsetsRequestData;
import org.apache.kafka.common.message.ListOffsetsRequestData.ListOffsetsPartition;
import org.apache.kafka.common.message.ListOffsetsRequestData.ListOffsetsTopic;
import org.apache.kafka.common.message.ListOffsetsResponseData;
import org.apache.kafka.common.message.ListOffsetsResponseData.ListOffsetsPartitionResponse;
import org.apache.kafka.common.message.MetadataRequestData;
import org.apache.kafka.common.message.MetadataRequestData.MetadataRequestTopic;
import org.apache.kafka.common.message.MetadataResponseData;
import org.apache.kafka.common.message.MetadataResponseData.MetadataResponseTopic;
import org.apache.kafka.common.message.OffsetForLeaderEpochRequestData;
import org.apache.kafka.common.message.OffsetForLeaderEpochRequestData.OffsetForLeaderPartition;
import org.apache.kafka.common.message.OffsetForLeaderEpochRequestData.OffsetForLeaderTopic;
import org.apache.kafka.common.message.OffsetForLeaderEpochRequestData.OffsetForLeaderTopicCollection;
import org.apache.kafka.common.message.OffsetForLeaderEpochResponseData;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.message.ProduceRequestData.PartitionProduceData;
import org.apache.kafka.common.message.ProduceRequestData.TopicProduceData;
import org.apache.kafka.common.message.ProduceRequestData.TopicProduceDataCollection;
import org.apache.kafka.common.message.ProduceResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.SimpleRecord;

/**
 * The same small set of questions put to one broker, answered as a sorted map from question to
 * answer (error names and the values that are deterministic on a fresh single-node broker), so that
 * two brokers' maps can be compared key by key. Every request goes at an explicit version through
 * {@link ProbeConnection}; the broker must run with {@code auto.create.topics.enable=true}.
 */
final class SemanticsProbe {

  static final String EXISTING = "probe-existing";
  static final String EMPTY = "probe-empty";
  static final String MISSING = "probe-missing";
  static final String INVALID = "probe invalid!";
  static final String GROUP = "probe-group";
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  /**
   * Older versions beside the newest: the oldest clients may send, and what kafka-clients 3.9
   * sends.
   */
  private static final short[] OLDER_METADATA = {4, 12};

  private static final short[] OLDER_PRODUCE = {3, 11};
  private static final short[] OLDER_FETCH = {4, 11};
  private static final short[] OLDER_LIST_OFFSETS = {4, 9};

  private final Answers answers = new Answers();
  private final ProbeConnection connection;

  private SemanticsProbe(ProbeConnection connection) {
    this.connection = connection;
  }

  /** Runs every question against the single broker at {@code bootstrap}. */
  static Map<String, String> run(String bootstrap, Admin admin) throws Exception {
    admin
        .createTopics(
            List.of(new NewTopic(EXISTING, 1, (short) 1), new NewTopic(EMPTY, 1, (short) 1)))
        .all()
        .get();
    try (ProbeConnection connection = new ProbeConnection(bootstrap)) {
      SemanticsProbe probe = new SemanticsProbe(connection);
      probe.awaitLeaders();
      probe.metadata();
      probe.produce();
      probe.fetch();
      probe.listOffsets();
      probe.offsetForLeaderEpoch();
      probe.deleteRecords();
      new AdminProbe(connection, probe.answers).run();
      new GroupProbe(connection, probe.answers).run();
      return probe.answers.asMap();
    }
  }

  private void awaitLeaders() {
    await()
        .atMost(TIMEOUT)
        .until(
            () ->
                metadata(false, EXISTING, EMPTY).topics().stream()
                    .allMatch(t -> t.errorCode() == 0 && t.partitions().get(0).leaderId() >= 0));
  }

  private void metadata() throws IOException {
    MetadataResponseData unknown = metadata(false, MISSING);
    answer("metadata v13 unknown topic, no auto-create", topicError(unknown));
    answer("metadata v13 throttle_time_ms", unknown.throttleTimeMs());
    answer("metadata v13 invalid name, no auto-create", topicError(metadata(false, INVALID)));
    answer("metadata v13 invalid name, auto-create", topicError(metadata(true, INVALID)));
    for (short version : OLDER_METADATA) {
      MetadataResponseData older = metadata(version, false, MISSING, INVALID, EXISTING);
      older
          .topics()
          .forEach(
              t ->
                  answer(
                      "metadata v" + version + " no auto-create, " + t.name(),
                      Errors.forCode(t.errorCode()) + ", partitions " + t.partitions().size()));
      answer("metadata v" + version + " brokers", older.brokers().size());
      answer(
          "metadata v" + version + " controller is a broker",
          older.brokers().find(older.controllerId()) != null);
    }
    String created = "probe-auto-created";
    answer(
        "metadata v13 unknown topic, auto-create, first answer",
        topicError(metadata(true, created)));
    await()
        .atMost(TIMEOUT)
        .until(() -> metadata(false, created).topics().iterator().next().errorCode() == 0);
    MetadataResponseTopic topic = metadata(false, created).topics().iterator().next();
    answer("metadata auto-created topic partitions", topic.partitions().size());
    answer("metadata auto-created topic replicas", topic.partitions().get(0).replicaNodes().size());
  }

  private void produce() throws IOException {
    answer("produce v12 unknown topic", produceError(MISSING, 0));
    answer("produce v12 unknown partition", produceError(EXISTING, 5));
    for (short version : OLDER_PRODUCE) {
      answer(
          "produce v" + version + " unknown topic", partitionError(produce(MISSING, 0, version)));
      answer(
          "produce v" + version + " unknown partition",
          partitionError(produce(EXISTING, 5, version)));
    }
    ProduceResponseData ok = produce(EXISTING, 0, (short) 12);
    answer("produce v12 existing partition", partitionError(ok));
    answer(
        "produce v12 base offset",
        ok.responses().iterator().next().partitionResponses().get(0).baseOffset());
    answer("produce v12 throttle_time_ms", ok.throttleTimeMs());
    ProduceResponseData acks2 =
        connection.call(produceRequest(EXISTING, 0).setAcks((short) 2), (short) 12);
    answer("produce v12 acks=2", partitionError(acks2));
    // Produce 13 names topics by id: an id no topic has.
    ProduceRequestData byId = produceRequest(null, 0);
    byId.topicData().iterator().next().setTopicId(Uuid.randomUuid());
    ProduceResponseData unknownId = connection.call(byId, (short) 13);
    answer("produce v13 unknown topic id", partitionError(unknownId));
  }

  private void fetch() throws IOException {
    answer("fetch v12 unknown topic", fetchError(fetchTopic(MISSING, null, 0), (short) 12));
    answer("fetch v12 unknown partition", fetchError(fetchTopic(EXISTING, null, 3), (short) 12));
    answer(
        "fetch v17 unknown topic id",
        fetchError(fetchTopic(null, Uuid.randomUuid(), 0), (short) 17));
    for (short version : OLDER_FETCH) {
      answer(
          "fetch v" + version + " unknown topic",
          fetchError(fetchTopic(MISSING, null, 0), version));
      answer(
          "fetch v" + version + " unknown partition",
          fetchError(fetchTopic(EXISTING, null, 3), version));
    }
    FetchResponseData ok = fetch(fetchTopic(EXISTING, null, 0), (short) 12);
    FetchResponseData.PartitionData data = ok.responses().get(0).partitions().get(0);
    answer("fetch v12 existing partition", Errors.forCode(data.errorCode()));
    answer("fetch v12 high watermark", data.highWatermark());
    answer("fetch v12 throttle_time_ms and session", ok.throttleTimeMs() + "/" + ok.errorCode());
    // What a consumer's position validation meets: an offset past the end, epochs it cannot know.
    FetchTopic beyondEnd = fetchTopic(EXISTING, null, 0);
    beyondEnd.partitions().get(0).setFetchOffset(100);
    answer("fetch v12 offset beyond the end", fetchError(beyondEnd, (short) 12));
    FetchTopic futureEpoch = fetchTopic(EXISTING, null, 0);
    futureEpoch.partitions().get(0).setCurrentLeaderEpoch(5);
    answer(
        "fetch v12 current leader epoch ahead of the leader", fetchError(futureEpoch, (short) 12));
  }

  private void listOffsets() throws IOException {
    answer("listOffsets v11 unknown topic", error(listOffset(MISSING, 0, -1)));
    answer("listOffsets v11 unknown partition", error(listOffset(EXISTING, 4, -1)));
    for (long spec : new long[] {-2, -1, -3}) {
      answer(
          "listOffsets v11 empty partition, timestamp " + spec,
          offsetAnswer(listOffset(EMPTY, 0, spec)));
    }
    // ListOffsets below v4 are left out: their encoding is being fixed on main.
    for (short version : OLDER_LIST_OFFSETS) {
      for (long spec : new long[] {-2, -1}) {
        answer(
            "listOffsets v" + version + " empty partition, timestamp " + spec,
            offsetAnswer(
                listOffsetsResponse(EMPTY, 0, spec, version).topics().get(0).partitions().get(0)));
      }
      answer(
          "listOffsets v" + version + " unknown topic",
          error(listOffsetsResponse(MISSING, 0, -1, version).topics().get(0).partitions().get(0)));
    }
    ListOffsetsResponseData response = listOffsetsResponse(EMPTY, 0, -1, (short) 11);
    answer("listOffsets v11 throttle_time_ms", response.throttleTimeMs());
  }

  private void offsetForLeaderEpoch() throws IOException {
    answer("offsetForLeaderEpoch v4 unknown topic", epochAnswer(MISSING, 0));
    answer("offsetForLeaderEpoch v4 unknown partition", epochAnswer(EXISTING, 2));
    answer("offsetForLeaderEpoch v4 epoch 0 of existing", epochAnswer(EXISTING, 0));
    answer("offsetForLeaderEpoch v4 epoch 5, not yet seen", epochAnswer(EXISTING, 0, 5, -1));
    answer(
        "offsetForLeaderEpoch v4 current epoch ahead of the leader",
        epochAnswer(EXISTING, 0, 0, 5));
  }

  private void deleteRecords() throws IOException {
    answer("deleteRecords v2 unknown topic", deleteRecords(MISSING, 0, 0));
    answer("deleteRecords v2 unknown partition", deleteRecords(EXISTING, 9, 0));
    answer("deleteRecords v2 beyond high watermark", deleteRecords(EXISTING, 0, 100));
    // EXISTING holds one record (offset 0) from the produce question; add two more.
    produce(EXISTING, 0, (short) 12);
    produce(EXISTING, 0, (short) 12);
    answer("deleteRecords v2 before offset 2", deleteRecords(EXISTING, 0, 2));
    for (long spec : new long[] {-2, -1, -3}) {
      answer(
          "listOffsets v11 after deleteRecords, timestamp " + spec,
          offsetAnswer(listOffset(EXISTING, 0, spec)));
    }
  }

  // ---- request builders and answer formats ----

  /** Metadata at {@code version} (v4+: the client may forbid auto-creation). */
  private MetadataResponseData metadata(short version, boolean autoCreate, String... topics)
      throws IOException {
    List<MetadataRequestTopic> requested = new ArrayList<>();
    for (String topic : topics) {
      requested.add(new MetadataRequestTopic().setName(topic));
    }
    return connection.call(
        new MetadataRequestData().setTopics(requested).setAllowAutoTopicCreation(autoCreate),
        version);
  }

  private MetadataResponseData metadata(boolean autoCreate, String... topics) throws IOException {
    return metadata((short) 13, autoCreate, topics);
  }

  private static Errors topicError(MetadataResponseData response) {
    return Errors.forCode(response.topics().iterator().next().errorCode());
  }

  static ProduceRequestData produceRequest(String topic, int partition) {
    MemoryRecords records =
        MemoryRecords.withRecords(
            Compression.NONE, new SimpleRecord(1_000L, "k".getBytes(), "v".getBytes()));
    TopicProduceData data =
        new TopicProduceData()
            .setName(topic)
            .setPartitionData(
                List.of(new PartitionProduceData().setIndex(partition).setRecords(records)));
    return new ProduceRequestData()
        .setAcks((short) 1)
        .setTimeoutMs(10_000)
        .setTopicData(new TopicProduceDataCollection(List.of(data).iterator()));
  }

  private ProduceResponseData produce(String topic, int partition, short version)
      throws IOException {
    return connection.call(produceRequest(topic, partition), version);
  }

  private Errors produceError(String topic, int partition) throws IOException {
    return partitionError(produce(topic, partition, (short) 12));
  }

  static Errors partitionError(ProduceResponseData response) {
    return Errors.forCode(
        response.responses().iterator().next().partitionResponses().get(0).errorCode());
  }

  private static FetchTopic fetchTopic(String name, Uuid id, int partition) {
    FetchTopic topic =
        new FetchTopic()
            .setPartitions(
                List.of(
                    new FetchPartition()
                        .setPartition(partition)
                        .setFetchOffset(0)
                        .setPartitionMaxBytes(1 << 20)));
    if (name != null) {
      topic.setTopic(name);
    }
    if (id != null) {
      topic.setTopicId(id);
    }
    return topic;
  }

  private FetchResponseData fetch(FetchTopic topic, short version) throws IOException {
    return connection.call(
        new FetchRequestData()
            .setMaxWaitMs(0)
            .setMinBytes(0)
            .setMaxBytes(1 << 20)
            .setSessionId(0)
            .setSessionEpoch(-1)
            .setTopics(List.of(topic)),
        version);
  }

  private String fetchError(FetchTopic topic, short version) throws IOException {
    FetchResponseData response = fetch(topic, version);
    if (response.errorCode() != 0) {
      return "top-level " + Errors.forCode(response.errorCode());
    }
    return response.responses().isEmpty()
        ? "no topic in response"
        : Errors.forCode(response.responses().get(0).partitions().get(0).errorCode()).name();
  }

  private ListOffsetsResponseData listOffsetsResponse(
      String topic, int partition, long timestamp, short version) throws IOException {
    return connection.call(
        new ListOffsetsRequestData()
            .setReplicaId(-1)
            .setTimeoutMs(10_000)
            .setTopics(
                List.of(
                    new ListOffsetsTopic()
                        .setName(topic)
                        .setPartitions(
                            List.of(
                                new ListOffsetsPartition()
                                    .setPartitionIndex(partition)
                                    .setTimestamp(timestamp))))),
        version);
  }

  private ListOffsetsPartitionResponse listOffset(String topic, int partition, long timestamp)
      throws IOException {
    return listOffsetsResponse(topic, partition, timestamp, (short) 11)
        .topics()
        .get(0)
        .partitions()
        .get(0);
  }

  private static String error(ListOffsetsPartitionResponse p) {
    return Errors.forCode(p.errorCode()).name();
  }

  private static String offsetAnswer(ListOffsetsPartitionResponse p) {
    return "offset "
        + p.offset()
        + ", timestamp "
        + p.timestamp()
        + ", epoch "
        + p.leaderEpoch()
        + ", "
        + Errors.forCode(p.errorCode());
  }

  private String epochAnswer(String topic, int partition) throws IOException {
    return epochAnswer(topic, partition, 0, -1);
  }

  private String epochAnswer(String topic, int partition, int leaderEpoch, int currentLeaderEpoch)
      throws IOException {
    OffsetForLeaderTopicCollection topics = new OffsetForLeaderTopicCollection();
    topics.add(
        new OffsetForLeaderTopic()
            .setTopic(topic)
            .setPartitions(
                List.of(
                    new OffsetForLeaderPartition()
                        .setPartition(partition)
                        .setLeaderEpoch(leaderEpoch)
                        .setCurrentLeaderEpoch(currentLeaderEpoch))));
    OffsetForLeaderEpochResponseData response =
        connection.call(
            new OffsetForLeaderEpochRequestData().setReplicaId(-1).setTopics(topics), (short) 4);
    var p = response.topics().iterator().next().partitions().get(0);
    return Errors.forCode(p.errorCode())
        + ", epoch "
        + p.leaderEpoch()
        + ", end offset "
        + p.endOffset()
        + ", throttle "
        + response.throttleTimeMs();
  }

  private String deleteRecords(String topic, int partition, long offset) throws IOException {
    DeleteRecordsRequestData request =
        new DeleteRecordsRequestData()
            .setTimeoutMs(10_000)
            .setTopics(
                List.of(
                    new DeleteRecordsTopic()
                        .setName(topic)
                        .setPartitions(
                            List.of(
                                new DeleteRecordsPartition()
                                    .setPartitionIndex(partition)
                                    .setOffset(offset)))));
    DeleteRecordsResponseData response = connection.call(request, (short) 2);
    var p = response.topics().iterator().next().partitions().iterator().next();
    return Errors.forCode(p.errorCode())
        + ", low watermark "
        + p.lowWatermark()
        + ", throttle "
        + response.throttleTimeMs();
  }

  private void answer(String question, Object value) {
    answers.put(question, value);
  }
}
