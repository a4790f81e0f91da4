package dev.brook.broker.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.message.ApiVersionsRequestData;
import org.apache.kafka.common.message.ApiVersionsResponseData;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.message.ProduceResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.SimpleRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile input never takes the broker down: each bad connection gets the right error or is closed,
 * and a well-behaved client keeps working after every case.
 */
class BadInputIT {

  private static final int MAX_REQUEST_BYTES = 1024 * 1024;

  @TempDir static Path dataDir;
  static EmbeddedBroker broker;
  static Admin admin;

  @BeforeAll
  static void startBroker() throws Exception {
    broker =
        EmbeddedBroker.start(
            dataDir,
            Map.of(
                "socket.request.max.bytes",
                Integer.toString(MAX_REQUEST_BYTES),
                "message.max.bytes",
                "1000000"));
    admin = Clients.admin(broker.bootstrapServers());
    Clients.createTopic(admin, "healthy", 1);
    Clients.createTopic(admin, "target", 1);
  }

  @AfterAll
  static void stopBroker() {
    admin.close();
    broker.close();
  }

  @AfterEach
  void brokerStillServesWellBehavedClients() throws Exception {
    String value = "still-alive-" + System.nanoTime();
    try (KafkaProducer<String, String> producer =
        Clients.producer(broker.bootstrapServers(), Map.of())) {
      producer.send(new ProducerRecord<>("healthy", value)).get();
    }
    try (KafkaConsumer<String, String> consumer =
        Clients.consumer(broker.bootstrapServers(), Map.of())) {
      TopicPartition tp = new TopicPartition("healthy", 0);
      consumer.assign(java.util.List.of(tp));
      consumer.seekToBeginning(java.util.List.of(tp));
      assertThat(Clients.pollAtLeast(consumer, Integer.MAX_VALUE, Duration.ofSeconds(3)))
          .extracting(r -> r.value())
          .contains(value);
    }
  }

  @Test
  void shouldCloseConnectionOnFrameTooShortForAHeader() throws Exception {
    try (RawConnection connection = new RawConnection(broker.bootstrapServers())) {
      connection.sendFrame(new byte[] {0, 1});
      assertThat(connection.closedByBroker()).isTrue();
    }
  }

  @Test
  void shouldCloseConnectionOnUnknownApiKey() throws Exception {
    try (RawConnection connection = new RawConnection(broker.bootstrapServers())) {
      ByteBuffer frame = ByteBuffer.allocate(16);
      frame.putShort((short) 999).putShort((short) 0).putInt(1).putShort((short) -1).putInt(0);
      connection.sendFrame(frame.array());
      assertThat(connection.closedByBroker()).isTrue();
    }
  }

  @Test
  void shouldCloseConnectionOnUnsupportedVersionOfOtherApis() throws Exception {
    try (RawConnection connection = new RawConnection(broker.bootstrapServers())) {
      ByteBuffer frame = ByteBuffer.allocate(12);
      frame.putShort(ApiKeys.METADATA.id).putShort((short) 99).putInt(7).putShort((short) -1);
      connection.sendFrame(frame.array());
      assertThat(connection.closedByBroker()).isTrue();
    }
  }

  @Test
  void shouldCloseConnectionOnGarbageBody() throws Exception {
    try (RawConnection connection = new RawConnection(broker.bootstrapServers())) {
      ByteBuffer frame = ByteBuffer.allocate(64);
      frame.putShort(ApiKeys.METADATA.id).putShort((short) 12).putInt(3).putShort((short) -1);
      frame.put((byte) 0); // empty tagged fields of the header
      while (frame.hasRemaining()) {
        frame.put((byte) 0x7f);
      }
      connection.sendFrame(frame.array());
      assertThat(connection.closedByBroker()).isTrue();
    }
  }

  @Test
  void shouldCloseConnectionOnFrameAboveSocketRequestMaxBytes() throws Exception {
    try (RawConnection connection = new RawConnection(broker.bootstrapServers())) {
      ByteBuffer prefix = ByteBuffer.allocate(4).putInt(MAX_REQUEST_BYTES + 1);
      connection.sendRaw(prefix.array());
      assertThat(connection.closedByBroker()).isTrue();
    }
  }

  @Test
  void shouldAnswerApiVersionsAboveOurRangeWithUnsupportedVersionAtV0() throws Exception {
    try (RawConnection connection = new RawConnection(broker.bootstrapServers())) {
      ByteBuffer frame = ByteBuffer.allocate(64);
      // ApiVersions v127: header v2 (flexible), then an empty body with tagged fields.
      frame.putShort(ApiKeys.API_VERSIONS.id).putShort((short) 127).putInt(42);
      frame.putShort((short) 4).put("test".getBytes()).put((byte) 0);
      frame.put((byte) 1).put((byte) 1).put((byte) 0);
      byte[] bytes = new byte[frame.position()];
      frame.flip().get(bytes);
      connection.sendFrame(bytes);
      ApiVersionsResponseData response = connection.receive(ApiKeys.API_VERSIONS, (short) 0, 42);

      assertThat(response.errorCode()).isEqualTo(Errors.UNSUPPORTED_VERSION.code());
      assertThat(response.apiKeys().find(ApiKeys.API_VERSIONS.id).maxVersion())
          .isEqualTo((short) 4);
      assertThat(response.apiKeys().find(ApiKeys.PRODUCE.id).minVersion()).isZero();
    }
  }

  @Test
  void shouldAdvertiseOnlyImplementedApis() throws Exception {
    try (RawConnection connection = new RawConnection(broker.bootstrapServers())) {
      int id = connection.send(new ApiVersionsRequestData(), (short) 3);
      ApiVersionsResponseData response = connection.receive(ApiKeys.API_VERSIONS, (short) 3, id);

      assertThat(response.errorCode()).isZero();
      assertThat(response.apiKeys().find(ApiKeys.FETCH.id).minVersion()).isEqualTo((short) 4);
      assertThat(response.apiKeys().find(ApiKeys.END_TXN.id)).isNull();
      assertThat(response.apiKeys().find(ApiKeys.SASL_HANDSHAKE.id)).isNull();
    }
  }

  @Test
  void shouldRejectBatchWithBadCrcAndKeepTheConnection() throws Exception {
    MemoryRecords records =
        MemoryRecords.withRecords(
            Compression.NONE, new SimpleRecord("key".getBytes(), "value".getBytes()));
    ByteBuffer corrupted = records.buffer().duplicate();
    int last = corrupted.limit() - 1;
    corrupted.put(last, (byte) (corrupted.get(last) ^ 0xff));
    ProduceRequestData request =
        new ProduceRequestData()
            .setAcks((short) 1)
            .setTimeoutMs(5000)
            .setTopicData(
                new ProduceRequestData.TopicProduceDataCollection(
                    java.util.List.of(
                            new ProduceRequestData.TopicProduceData()
                                .setName("target")
                                .setPartitionData(
                                    java.util.List.of(
                                        new ProduceRequestData.PartitionProduceData()
                                            .setIndex(0)
                                            .setRecords(MemoryRecords.readableRecords(corrupted)))))
                        .iterator()));
    try (RawConnection connection = new RawConnection(broker.bootstrapServers())) {
      int id = connection.send(request, (short) 12);
      ProduceResponseData response = connection.receive(ApiKeys.PRODUCE, (short) 12, id);
      short error = response.responses().iterator().next().partitionResponses().get(0).errorCode();
      assertThat(Errors.forCode(error)).isEqualTo(Errors.CORRUPT_MESSAGE);

      int again = connection.send(new ApiVersionsRequestData(), (short) 3);
      assertThat(
              connection
                  .<ApiVersionsResponseData>receive(ApiKeys.API_VERSIONS, (short) 3, again)
                  .errorCode())
          .isZero();
    }
    try (KafkaConsumer<String, String> consumer =
        Clients.consumer(broker.bootstrapServers(), Map.of())) {
      assertThat(consumer.endOffsets(java.util.List.of(new TopicPartition("target", 0))).values())
          .containsExactly(0L);
    }
  }
}
