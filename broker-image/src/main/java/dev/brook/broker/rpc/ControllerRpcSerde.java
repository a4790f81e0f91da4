package dev.brook.broker.rpc;

import static dev.brook.broker.metadata.record.BinaryFields.readInts;
import static dev.brook.broker.metadata.record.BinaryFields.readListeners;
import static dev.brook.broker.metadata.record.BinaryFields.readString;
import static dev.brook.broker.metadata.record.BinaryFields.writeInts;
import static dev.brook.broker.metadata.record.BinaryFields.writeListeners;
import static dev.brook.broker.metadata.record.BinaryFields.writeString;

import dev.brook.broker.config.Listener;
import dev.brook.broker.controller.AlterPartitionRequest;
import dev.brook.broker.controller.AlterPartitionResult;
import dev.brook.broker.controller.ConfigChange;
import dev.brook.broker.metadata.image.PartitionRegistration;
import dev.brook.broker.rpc.ControllerRpc.Ack;
import dev.brook.broker.rpc.ControllerRpc.AllocateProducerIds;
import dev.brook.broker.rpc.ControllerRpc.AlterConfigs;
import dev.brook.broker.rpc.ControllerRpc.AlterPartition;
import dev.brook.broker.rpc.ControllerRpc.AlterPartitionReply;
import dev.brook.broker.rpc.ControllerRpc.BrokerHeartbeat;
import dev.brook.broker.rpc.ControllerRpc.BrokerRegistration;
import dev.brook.broker.rpc.ControllerRpc.BrokerUnregistered;
import dev.brook.broker.rpc.ControllerRpc.ConfigsAltered;
import dev.brook.broker.rpc.ControllerRpc.ControlledShutdown;
import dev.brook.broker.rpc.ControllerRpc.CreateTopics;
import dev.brook.broker.rpc.ControllerRpc.FetchMetadata;
import dev.brook.broker.rpc.ControllerRpc.HeartbeatReply;
import dev.brook.broker.rpc.ControllerRpc.MetadataFetched;
import dev.brook.broker.rpc.ControllerRpc.ProducerIdsReply;
import dev.brook.broker.rpc.ControllerRpc.Request;
import dev.brook.broker.rpc.ControllerRpc.Response;
import dev.brook.broker.rpc.ControllerRpc.TopicsCreated;
import dev.brook.broker.rpc.ControllerRpc.UnregisterBroker;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.message.UnregisterBrokerRequestData;
import org.apache.kafka.common.message.UnregisterBrokerResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.ApiError;

/**
 * Binary form of {@link ControllerRpc} messages.
 *
 * <pre>
 * request  := type:int8 version:int8 fields
 * response := type:int8 version:int8 error:int16 fields      (type of the request answered)
 * string   := length:int32 utf8 (length -1 = absent);  ints := count:int32 int32*
 * registration  := brokerId:int32 epoch:int64 rack:string count:int32 (name host port:int32)*
 * heartbeat     := brokerId:int32 epoch:int64          reply := fenced:bool shouldShutDown:bool
 * shutdown      := brokerId:int32 epoch:int64
 * alter         := brokerId:int32 brokerEpoch:int64 topicId:uuid partition:int32
 *                  leaderEpoch:int32 partitionEpoch:int32 newIsr:ints
 *                  reply := present:bool [replicas:ints isr:ints leader leaderEpoch partitionEpoch]
 * producer-ids  := brokerId:int32                      reply := firstId:int64
 * create-topics: see {@link CreateTopicsSerde}
 * alter-configs := validateOnly:bool count:int32 (topic count:int32 (key op:int8 value)*)*
 *                  reply := count:int32 (topic errorCode:int16 errorMessage)*
 *                  (op: AlterConfigOp.OpType id)
 * fetch-metadata: see {@link MetadataFetchSerde}
 * unregister    := message(UnregisterBrokerRequest v0)
 *                  reply := message(UnregisterBrokerResponse v0)
 *                  message := length:int32 Kafka's encoding of the message at that version
 * </pre>
 *
 * All types are at version 0; an unknown version fails loudly.
 */
public final class ControllerRpcSerde {

  private static final byte VERSION = 0;
  private static final byte REGISTRATION = 1;
  private static final byte HEARTBEAT = 2;
  private static final byte CONTROLLED_SHUTDOWN = 3;
  private static final byte ALTER_PARTITION = 4;
  private static final byte ALLOCATE_PRODUCER_IDS = 5;
  private static final byte CREATE_TOPICS = 6;
  private static final byte ALTER_CONFIGS = 7;
  private static final byte FETCH_METADATA = 8;
  private static final byte UNREGISTER_BROKER = 9;
  private static final short UNREGISTER_BROKER_VERSION = 0;

  private ControllerRpcSerde() {}

  public static byte[] encode(Request request) {
    return write(
        out -> {
          out.writeByte(typeOf(request));
          out.writeByte(VERSION);
          if (request instanceof BrokerRegistration r) {
            out.writeInt(r.brokerId());
            out.writeLong(r.epoch());
            writeString(out, r.rack().orElse(null));
            writeListeners(out, r.endpoints());
          } else if (request instanceof BrokerHeartbeat r) {
            out.writeInt(r.brokerId());
            out.writeLong(r.epoch());
          } else if (request instanceof ControlledShutdown r) {
            out.writeInt(r.brokerId());
            out.writeLong(r.epoch());
          } else if (request instanceof AlterPartition a) {
            AlterPartitionRequest r = a.request();
            out.writeInt(r.brokerId());
            out.writeLong(r.brokerEpoch());
            out.writeLong(r.topicId().getMostSignificantBits());
            out.writeLong(r.topicId().getLeastSignificantBits());
            out.writeInt(r.partition());
            out.writeInt(r.leaderEpoch());
            out.writeInt(r.partitionEpoch());
            writeInts(out, r.newIsr());
          } else if (request instanceof AllocateProducerIds r) {
            out.writeInt(r.brokerId());
          } else if (request instanceof AlterConfigs r) {
            out.writeBoolean(r.validateOnly());
            out.writeByte(r.type().id());
            Map<String, List<ConfigChange>> sorted = new TreeMap<>(r.changes());
            out.writeInt(sorted.size());
            for (Map.Entry<String, List<ConfigChange>> topic : sorted.entrySet()) {
              writeString(out, topic.getKey());
              out.writeInt(topic.getValue().size());
              for (ConfigChange change : topic.getValue()) {
                writeString(out, change.key());
                out.writeByte(change.op().id());
                writeString(out, change.value());
              }
            }
          } else if (request instanceof CreateTopics r) {
            CreateTopicsSerde.writeRequest(out, r);
          } else if (request instanceof FetchMetadata r) {
            MetadataFetchSerde.writeRequest(out, r);
          } else if (request instanceof UnregisterBroker r) {
            KafkaMessages.write(
                out,
                new UnregisterBrokerRequestData().setBrokerId(r.brokerId()),
                UNREGISTER_BROKER_VERSION);
          }
        });
  }

  public static Request decodeRequest(byte[] bytes) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      byte type = in.readByte();
      checkVersion(type, in.readByte());
      switch (type) {
        case REGISTRATION:
          {
            int brokerId = in.readInt();
            long epoch = in.readLong();
            Optional<String> rack = Optional.ofNullable(readString(in));
            List<Listener> endpoints = readListeners(in);
            return new BrokerRegistration(brokerId, epoch, rack, endpoints);
          }
        case HEARTBEAT:
          return new BrokerHeartbeat(in.readInt(), in.readLong());
        case CONTROLLED_SHUTDOWN:
          return new ControlledShutdown(in.readInt(), in.readLong());
        case ALTER_PARTITION:
          return new AlterPartition(
              new AlterPartitionRequest(
                  in.readInt(),
                  in.readLong(),
                  new Uuid(in.readLong(), in.readLong()),
                  in.readInt(),
                  in.readInt(),
                  in.readInt(),
                  readInts(in)));
        case ALLOCATE_PRODUCER_IDS:
          return new AllocateProducerIds(in.readInt());
        case CREATE_TOPICS:
          return CreateTopicsSerde.readRequest(in);
        case ALTER_CONFIGS:
          return readAlterConfigs(in);
        case FETCH_METADATA:
          return MetadataFetchSerde.readRequest(in);
        case UNREGISTER_BROKER:
          return new UnregisterBroker(
              KafkaMessages.read(in, UNREGISTER_BROKER_VERSION, UnregisterBrokerRequestData::new)
                  .brokerId());
        default:
          throw new IllegalArgumentException("unknown controller request type " + type);
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("corrupt controller request", e);
    }
  }

  public static byte[] encode(Request answered, Response response) {
    return write(
        out -> {
          out.writeByte(typeOf(answered));
          out.writeByte(VERSION);
          out.writeShort(response.error().code());
          if (response instanceof HeartbeatReply r) {
            out.writeBoolean(r.fenced());
            out.writeBoolean(r.shouldShutDown());
          } else if (response instanceof AlterPartitionReply r) {
            Optional<PartitionRegistration> registration = r.result().registration();
            out.writeBoolean(registration.isPresent());
            if (registration.isPresent()) {
              PartitionRegistration p = registration.get();
              writeInts(out, p.replicas());
              writeInts(out, p.isr());
              out.writeInt(p.leader());
              out.writeInt(p.leaderEpoch());
              out.writeInt(p.partitionEpoch());
            }
          } else if (response instanceof ProducerIdsReply r) {
            out.writeLong(r.firstProducerId());
          } else if (response instanceof ConfigsAltered r) {
            Map<String, ApiError> sorted = new TreeMap<>(r.results());
            out.writeInt(sorted.size());
            for (Map.Entry<String, ApiError> result : sorted.entrySet()) {
              writeString(out, result.getKey());
              out.writeShort(result.getValue().error().code());
              writeString(out, result.getValue().message());
            }
          } else if (response instanceof TopicsCreated r) {
            CreateTopicsSerde.writeReply(out, r);
          } else if (response instanceof MetadataFetched r) {
            MetadataFetchSerde.writeReply(out, r);
          } else if (response instanceof BrokerUnregistered r) {
            KafkaMessages.write(
                out,
                new UnregisterBrokerResponseData()
                    .setErrorCode(r.outcome().error().code())
                    .setErrorMessage(r.outcome().message()),
                UNREGISTER_BROKER_VERSION);
          }
        });
  }

  public static Response decodeResponse(byte[] bytes) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      byte type = in.readByte();
      checkVersion(type, in.readByte());
      Errors error = Errors.forCode(in.readShort());
      switch (type) {
        case REGISTRATION:
        case CONTROLLED_SHUTDOWN:
          return new Ack(error);
        case HEARTBEAT:
          return new HeartbeatReply(error, in.readBoolean(), in.readBoolean());
        case ALTER_PARTITION:
          {
            Optional<PartitionRegistration> registration =
                in.readBoolean()
                    ? Optional.of(
                        new PartitionRegistration(
                            readInts(in), readInts(in), in.readInt(), in.readInt(), in.readInt()))
                    : Optional.empty();
            return new AlterPartitionReply(new AlterPartitionResult(error, registration));
          }
        case ALLOCATE_PRODUCER_IDS:
          return new ProducerIdsReply(error, in.readLong());
        case CREATE_TOPICS:
          return CreateTopicsSerde.readReply(in, error);
        case ALTER_CONFIGS:
          {
            int count = in.readInt();
            Map<String, ApiError> results = new TreeMap<>();
            for (int i = 0; i < count; i++) {
              results.put(
                  readString(in), new ApiError(Errors.forCode(in.readShort()), readString(in)));
            }
            return new ConfigsAltered(error, results);
          }
        case FETCH_METADATA:
          return MetadataFetchSerde.readReply(in, error);
        case UNREGISTER_BROKER:
          {
            UnregisterBrokerResponseData reply =
                KafkaMessages.read(
                    in, UNREGISTER_BROKER_VERSION, UnregisterBrokerResponseData::new);
            return new BrokerUnregistered(
                new ApiError(Errors.forCode(reply.errorCode()), reply.errorMessage()));
          }
        default:
          throw new IllegalArgumentException("unknown controller response type " + type);
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("corrupt controller response", e);
    }
  }

  /** The NOT_CONTROLLER answer to the encoded {@code request}. */
  public static CompletableFuture<byte[]> notControllerReply(byte[] request) {
    Request decoded = decodeRequest(request);
    return CompletableFuture.completedFuture(
        encode(decoded, ControllerRpc.failure(decoded, Errors.NOT_CONTROLLER)));
  }

  private static byte typeOf(Request request) {
    if (request instanceof BrokerRegistration) {
      return REGISTRATION;
    } else if (request instanceof BrokerHeartbeat) {
      return HEARTBEAT;
    } else if (request instanceof ControlledShutdown) {
      return CONTROLLED_SHUTDOWN;
    } else if (request instanceof AlterPartition) {
      return ALTER_PARTITION;
    } else if (request instanceof CreateTopics) {
      return CREATE_TOPICS;
    } else if (request instanceof AlterConfigs) {
      return ALTER_CONFIGS;
    } else if (request instanceof FetchMetadata) {
      return FETCH_METADATA;
    } else if (request instanceof UnregisterBroker) {
      return UNREGISTER_BROKER;
    } else if (request instanceof AllocateProducerIds) {
      return ALLOCATE_PRODUCER_IDS;
    }
    throw new IllegalArgumentException("unknown controller request " + request);
  }

  private static AlterConfigs readAlterConfigs(DataInputStream in) throws IOException {
    boolean validateOnly = in.readBoolean();
    ConfigResource.Type type = ConfigResource.Type.forId(in.readByte());
    int topics = in.readInt();
    Map<String, List<ConfigChange>> changes = new TreeMap<>();
    for (int i = 0; i < topics; i++) {
      String topic = readString(in);
      int count = in.readInt();
      List<ConfigChange> topicChanges = new ArrayList<>(count);
      for (int j = 0; j < count; j++) {
        topicChanges.add(
            new ConfigChange(
                readString(in), AlterConfigOp.OpType.forId(in.readByte()), readString(in)));
      }
      changes.put(topic, topicChanges);
    }
    return new AlterConfigs(type, changes, validateOnly);
  }

  private static void checkVersion(byte type, byte version) {
    if (version != VERSION) {
      throw new IllegalArgumentException(
          "controller message type " + type + " has unknown version " + version);
    }
  }

  private interface Writer {
    void write(DataOutputStream out) throws IOException;
  }

  private static byte[] write(Writer writer) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      writer.write(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }
}
