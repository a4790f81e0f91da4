package dev.brook.broker.it.versions;

import dev.brook.broker.api.SupportedApis;
import dev.brook.broker.it.Clients;
import dev.brook.broker.it.EmbeddedBroker;
import dev.brook.broker.it.RawConnection;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.RequestHeaderData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.MessageUtil;

/**
 * The broker every version probe talks to, with a topic of known content: {@value #TOPIC} has
 * {@value #PARTITIONS} partitions of {@value #RECORDS_PER_PARTITION} records each, record {@code i}
 * of every partition stamped {@code BASE_TIMESTAMP + i}. Probes that change state work on topics
 * and groups of their own ({@link #uniqueName}), so the order probes run in does not matter.
 */
final class MatrixBroker implements AutoCloseable {

  static final String TOPIC = "matrix";
  static final int PARTITIONS = 2;
  static final int RECORDS_PER_PARTITION = 10;
  static final long BASE_TIMESTAMP = 1_700_000_000_000L;

  private final EmbeddedBroker broker;
  private final Path dataDir;
  private final Admin admin;
  private final Uuid topicId;
  private final AtomicInteger names = new AtomicInteger();

  private MatrixBroker(EmbeddedBroker broker, Path dataDir, Admin admin, Uuid topicId) {
    this.broker = broker;
    this.dataDir = dataDir;
    this.admin = admin;
    this.topicId = topicId;
  }

  static MatrixBroker start(Path dataDir) throws Exception {
    EmbeddedBroker broker =
        EmbeddedBroker.start(dataDir, Map.of("node.id", Integer.toString(NODE_ID)));
    Admin admin = Clients.admin(broker.bootstrapServers());
    Clients.createTopic(admin, TOPIC, PARTITIONS);
    try (KafkaProducer<String, String> producer =
        Clients.producer(broker.bootstrapServers(), Map.of(ProducerConfig.ACKS_CONFIG, "all"))) {
      for (int partition = 0; partition < PARTITIONS; partition++) {
        for (int i = 0; i < RECORDS_PER_PARTITION; i++) {
          producer
              .send(new ProducerRecord<>(TOPIC, partition, BASE_TIMESTAMP + i, "k" + i, "v" + i))
              .get();
        }
      }
    }
    // Loads the group coordinator, as a client's first FindCoordinator would.
    admin.listConsumerGroupOffsets("matrix-warm-up").partitionsToOffsetAndMetadata().get();
    Uuid topicId = admin.describeTopics(List.of(TOPIC)).allTopicNames().get().get(TOPIC).topicId();
    return new MatrixBroker(broker, dataDir, admin, topicId);
  }

  static final int NODE_ID = 1;

  private static final SupportedApis SUPPORTED = new SupportedApis();

  /** The newest version of {@code apiKey} Brook serves, for the requests around a probed one. */
  static short newest(ApiKeys apiKey) {
    return SUPPORTED.latest(apiKey);
  }

  String bootstrapServers() {
    return broker.bootstrapServers();
  }

  /** The broker's only log directory. */
  Path dataDir() {
    return dataDir;
  }

  Uuid topicId() {
    return topicId;
  }

  /** A name no other probe uses, for the topics and groups a probe creates. */
  String uniqueName(String prefix) {
    return prefix + "-" + names.incrementAndGet();
  }

  /** A fresh one-partition topic holding {@code records} records. */
  String topicWithRecords(String prefix, int records) throws Exception {
    String name = uniqueName(prefix);
    Clients.createTopic(admin, name, 1);
    try (KafkaProducer<String, String> producer =
        Clients.producer(broker.bootstrapServers(), Map.of(ProducerConfig.ACKS_CONFIG, "all"))) {
      for (int i = 0; i < records; i++) {
        producer.send(new ProducerRecord<>(name, 0, "k" + i, "v" + i)).get();
      }
    }
    return name;
  }

  Admin admin() {
    return admin;
  }

  /** Sends {@code request} at {@code version} on a new connection and decodes the answer. */
  <T extends ApiMessage> T call(ApiMessage request, short version) throws Exception {
    try (RawConnection connection = new RawConnection(bootstrapServers())) {
      int correlationId = connection.send(request, version);
      return connection.receive(ApiKeys.forId(request.apiKey()), version, correlationId);
    }
  }

  /** Whether the broker closes the connection instead of answering {@code request}. */
  boolean closesConnectionOn(ApiMessage request, short version) throws Exception {
    try (RawConnection connection = new RawConnection(bootstrapServers())) {
      connection.send(request, version);
      return connection.closedByBroker();
    }
  }

  /**
   * Whether the broker closes the connection on a request header of {@code apiKey} at {@code
   * version} followed by no body: for versions too old for kafka-clients to write.
   */
  boolean closesConnectionOnHeaderOnly(ApiKeys apiKey, short version) throws Exception {
    RequestHeaderData header =
        new RequestHeaderData()
            .setRequestApiKey(apiKey.id)
            .setRequestApiVersion(version)
            .setClientId("matrix")
            .setCorrelationId(1);
    ByteBuffer bytes = MessageUtil.toByteBufferAccessor(header, (short) 1).buffer();
    byte[] frame = new byte[bytes.remaining()];
    bytes.get(frame);
    try (RawConnection connection = new RawConnection(bootstrapServers())) {
      connection.sendFrame(frame);
      return connection.closedByBroker();
    }
  }

  @Override
  public void close() {
    admin.close();
    broker.close();
  }
}
