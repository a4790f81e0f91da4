package dev.brook.broker.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brook.broker.config.Listener;
import dev.brook.broker.controller.AlterPartitionRequest;
import dev.brook.broker.controller.AlterPartitionResult;
import dev.brook.broker.controller.ConfigChange;
import dev.brook.broker.controller.TopicCreationResult;
import dev.brook.broker.metadata.image.PartitionRegistration;
import dev.brook.broker.metadata.record.MetadataRecord.CreateTopic;
import dev.brook.broker.metadata.record.MetadataRecord.RegisterBroker;
import dev.brook.broker.metadata.record.MetadataRecord.SetBrokerFenced;
import dev.brook.broker.raft.QuorumResponses;
import dev.brook.broker.rpc.ControllerRpc.Ack;
import dev.brook.broker.rpc.ControllerRpc.AllocateProducerIds;
import dev.brook.broker.rpc.ControllerRpc.AlterConfigs;
import dev.brook.broker.rpc.ControllerRpc.AlterPartition;
import dev.brook.broker.rpc.ControllerRpc.AlterPartitionReply;
import dev.brook.broker.rpc.ControllerRpc.BrokerHeartbeat;
import dev.brook.broker.rpc.ControllerRpc.BrokerRegistration;
import dev.brook.broker.rpc.ControllerRpc.BrokerUnregistered;
import dev.brook.broker.rpc.ControllerRpc.CommittedEntry;
import dev.brook.broker.rpc.ControllerRpc.ConfigsAltered;
import dev.brook.broker.rpc.ControllerRpc.ControlledShutdown;
import dev.brook.broker.rpc.ControllerRpc.CreateTopics;
import dev.brook.broker.rpc.ControllerRpc.FetchMetadata;
import dev.brook.broker.rpc.ControllerRpc.HeartbeatReply;
import dev.brook.broker.rpc.ControllerRpc.ImageRecords;
import dev.brook.broker.rpc.ControllerRpc.MetadataFetched;
import dev.brook.broker.rpc.ControllerRpc.ProducerIdsReply;
import dev.brook.broker.rpc.ControllerRpc.Request;
import dev.brook.broker.rpc.ControllerRpc.Response;
import dev.brook.broker.rpc.ControllerRpc.TopicsCreated;
import dev.brook.broker.rpc.ControllerRpc.UnregisterBroker;
import dev.brook.broker.rpc.ControllerRpc.UpdateRaftVoter;
import dev.brook.broker.rpc.ControllerRpc.VoterUpdated;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.AlterConfigOp.OpType;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.message.BrokerHeartbeatRequestData;
import org.apache.kafka.common.message.CreateTopicsRequestData.CreatableTopic;
import org.apache.kafka.common.message.UpdateRaftVoterRequestData;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.ApiError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ControllerRpcSerdeTest {

  static final AlterPartition ALTER =
      new AlterPartition(
          new AlterPartitionRequest(
              2, 99L, Uuid.fromString("AAAAAAAAAAAAAAAAAAAAAQ"), 4, 7, 9, List.of(2, 3)));

  static List<Request> everyRequest() {
    return List.of(
        new BrokerRegistration(
            3, 17L, Optional.of("zone-a"), List.of(new Listener("PLAINTEXT", "127.0.0.3", 9092))),
        new BrokerRegistration(4, 1L, Optional.empty(), List.of()),
        new BrokerHeartbeat(3, 17L),
        new ControlledShutdown(3, 17L),
        ALTER,
        new AllocateProducerIds(5),
        new UnregisterBroker(7),
        new FetchMetadata(4, -1L),
        new FetchMetadata(4, 123_456_789_012L),
        new CreateTopics(
            List.of(
                new CreatableTopic()
                    .setName("orders")
                    .setNumPartitions(3)
                    .setReplicationFactor((short) 2),
                new CreatableTopic()
                    .setName("auto")
                    .setNumPartitions(-1)
                    .setReplicationFactor((short) -1)),
            true),
        new AlterConfigs(
            ConfigResource.Type.TOPIC,
            Map.of(
                "orders",
                List.of(
                    new ConfigChange("retention.ms", OpType.SET, "1000"),
                    new ConfigChange("cleanup.policy", OpType.DELETE, null))),
            false),
        new AlterConfigs(
            ConfigResource.Type.BROKER,
            Map.of("2", List.of(new ConfigChange("cordoned.log.dirs", OpType.SET, "*"))),
            true),
        UPDATE_VOTER);
  }

  private static final UpdateRaftVoter UPDATE_VOTER = updateVoter();

  private static UpdateRaftVoter updateVoter() {
    UpdateRaftVoterRequestData data =
        new UpdateRaftVoterRequestData()
            .setClusterId("zMl9akTuTCG0FrbTQO_aTQ")
            .setCurrentLeaderEpoch(-1)
            .setVoterId(2)
            .setVoterDirectoryId(Uuid.fromString("GaAQaToiRRawehwuOQI7XA"));
    data.listeners()
        .add(
            new UpdateRaftVoterRequestData.Listener()
                .setName("CONTROLLER")
                .setHost("brook-2.brook-headless")
                .setPort(9193));
    return new UpdateRaftVoter(data);
  }

  static List<Object[]> everyResponse() {
    return List.of(
        new Object[] {everyRequest().get(0), new Ack(Errors.NONE)},
        new Object[] {new BrokerHeartbeat(3, 17L), new HeartbeatReply(Errors.NONE, true, false)},
        new Object[] {
          new BrokerHeartbeat(3, 17L), new HeartbeatReply(Errors.STALE_BROKER_EPOCH, false, true)
        },
        new Object[] {new ControlledShutdown(3, 1L), new Ack(Errors.NOT_CONTROLLER)},
        new Object[] {
          ALTER,
          new AlterPartitionReply(
              AlterPartitionResult.committed(
                  new PartitionRegistration(List.of(1, 2, 3), List.of(2, 3), 2, 7, 10)))
        },
        new Object[] {
          ALTER, new AlterPartitionReply(AlterPartitionResult.failed(Errors.FENCED_LEADER_EPOCH))
        },
        new Object[] {new AllocateProducerIds(5), new ProducerIdsReply(Errors.NONE, 4000L)},
        new Object[] {
          new FetchMetadata(4, 10L),
          new MetadataFetched(
              Errors.NONE,
              2,
              12L,
              Optional.empty(),
              List.of(
                  new CommittedEntry(
                      11L,
                      List.of(
                          new CreateTopic(
                              "orders",
                              Uuid.fromString("AAAAAAAAAAAAAAAAAAAAAQ"),
                              Map.of("retention.ms", "1000")))),
                  new CommittedEntry(12L, List.of(new SetBrokerFenced(3, true)))))
        },
        new Object[] {
          new FetchMetadata(4, -1L),
          new MetadataFetched(
              Errors.NONE,
              1,
              40L,
              Optional.of(
                  new ImageRecords(
                      40L,
                      List.of(
                          new RegisterBroker(
                              1,
                              5L,
                              Optional.of("a"),
                              List.of(new Listener("PLAINTEXT", "127.0.0.1", 9092))),
                          new SetBrokerFenced(1, false)))),
              List.of())
        },
        new Object[] {
          new FetchMetadata(4, 3L),
          new MetadataFetched(Errors.NOT_CONTROLLER, -1, -1L, Optional.empty(), List.of())
        },
        new Object[] {
          new AlterConfigs(
              ConfigResource.Type.TOPIC,
              Map.of("orders", List.of(new ConfigChange("retention.ms", OpType.SET, "1"))),
              true),
          new ConfigsAltered(
              Errors.NONE,
              Map.of(
                  "orders",
                  ApiError.NONE,
                  "gone",
                  new ApiError(Errors.UNKNOWN_TOPIC_OR_PARTITION, "no such topic")))
        },
        new Object[] {new UnregisterBroker(7), new BrokerUnregistered(ApiError.NONE)},
        new Object[] {
          UPDATE_VOTER,
          new VoterUpdated(
              QuorumResponses.updateVoter(new ApiError(Errors.VOTER_NOT_FOUND, "not a voter")))
        },
        new Object[] {
          new UnregisterBroker(7),
          new BrokerUnregistered(
              new ApiError(Errors.INVALID_REQUEST, "Broker 7 is alive (unfenced)"))
        },
        new Object[] {
          new UnregisterBroker(7), new BrokerUnregistered(new ApiError(Errors.NOT_CONTROLLER))
        },
        new Object[] {
          new CreateTopics(List.of(), false),
          new TopicsCreated(
              Errors.NONE,
              List.of(
                  new TopicCreationResult(
                      "orders",
                      ApiError.NONE,
                      Uuid.fromString("AAAAAAAAAAAAAAAAAAAAAQ"),
                      3,
                      (short) 2,
                      Map.of("retention.ms", "1000")),
                  TopicCreationResult.failed(
                      "bad", new ApiError(Errors.INVALID_REPLICATION_FACTOR, "too many"))))
        });
  }

  @ParameterizedTest
  @MethodSource("everyRequest")
  void shouldRoundTripEveryRequestType(Request request) {
    assertThat(ControllerRpcSerde.decodeRequest(ControllerRpcSerde.encode(request)))
        .isEqualTo(request);
  }

  @ParameterizedTest
  @MethodSource("everyResponse")
  void shouldRoundTripEveryResponseType(Request request, Response response) {
    assertThat(ControllerRpcSerde.decodeResponse(ControllerRpcSerde.encode(request, response)))
        .isEqualTo(response);
  }

  @Test
  void shouldAnswerNotControllerInTheRequestsOwnResponseType() throws Exception {
    byte[] reply = ControllerRpcSerde.notControllerReply(ControllerRpcSerde.encode(ALTER)).get();
    assertThat(ControllerRpcSerde.decodeResponse(reply))
        .isEqualTo(new AlterPartitionReply(AlterPartitionResult.failed(Errors.NOT_CONTROLLER)));
  }

  @Test
  void shouldAnswerNotControllerToAFetchWithNoMetadata() throws Exception {
    byte[] reply =
        ControllerRpcSerde.notControllerReply(ControllerRpcSerde.encode(new FetchMetadata(4, 9L)))
            .get();
    assertThat(ControllerRpcSerde.decodeResponse(reply))
        .isEqualTo(
            new MetadataFetched(Errors.NOT_CONTROLLER, -1, -1L, Optional.empty(), List.of()));
  }

  @Test
  void shouldCarryTheMessagesKafkaHasInKafkasOwnEncoding() {
    byte[] bytes = ControllerRpcSerde.encode(new BrokerHeartbeat(3, 17L));
    ByteBuffer body = ByteBuffer.wrap(bytes, 2, bytes.length - 2);
    short version = body.getShort();
    body.getInt();
    BrokerHeartbeatRequestData heartbeat =
        new BrokerHeartbeatRequestData(new ByteBufferAccessor(body.slice()), version);
    assertThat(version).isEqualTo((short) 1);
    assertThat(heartbeat.brokerId()).isEqualTo(3);
    assertThat(heartbeat.brokerEpoch()).isEqualTo(17L);
  }

  @Test
  void shouldRefuseAKafkaMessageOfAVersionItsClientsDoNotKnow() {
    byte[] bytes = ControllerRpcSerde.encode(new BrokerHeartbeat(3, 17L));
    bytes[2] = 0;
    bytes[3] = 99;
    assertThatThrownBy(() -> ControllerRpcSerde.decodeRequest(bytes))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("corrupt controller request");
  }

  @Test
  void shouldRefuseATruncatedKafkaMessage() {
    byte[] bytes = ControllerRpcSerde.encode(new UnregisterBroker(7));
    assertThatThrownBy(
            () -> ControllerRpcSerde.decodeRequest(Arrays.copyOf(bytes, bytes.length - 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("corrupt controller request");
  }

  @Test
  void shouldRefuseUnknownVersionWhenDecoding() {
    byte[] bytes = ControllerRpcSerde.encode(new BrokerHeartbeat(1, 1L));
    bytes[1] = 9;
    assertThatThrownBy(() -> ControllerRpcSerde.decodeRequest(bytes))
        .hasMessageContaining("unknown version 9");
  }
}
