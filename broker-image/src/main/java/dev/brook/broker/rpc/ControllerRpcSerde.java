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
import dev.brook.broker.metadata.image.PartitionRegistration;
import dev.brook.broker.rpc.ControllerRpc.Ack;
import dev.brook.broker.rpc.ControllerRpc.AddRaftVoter;
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
import dev.brook.broker.rpc.ControllerRpc.DescribeQuorum;
import dev.brook.broker.rpc.ControllerRpc.FetchMetadata;
import dev.brook.broker.rpc.ControllerRpc.HeartbeatReply;
import dev.brook.broker.rpc.ControllerRpc.MetadataFetched;
import dev.brook.broker.rpc.ControllerRpc.ProducerIdsReply;
import dev.brook.broker.rpc.ControllerRpc.QuorumDescribed;
import dev.brook.broker.rpc.ControllerRpc.RemoveRaftVoter;
import dev.brook.broker.rpc.ControllerRpc.Request;
import dev.brook.broker.rpc.ControllerRpc.Response;
import dev.brook.broker.rpc.ControllerRpc.TopicsCreated;
import dev.brook.broker.rpc.ControllerRpc.UnregisterBroker;
import dev.brook.broker.rpc.ControllerRpc.UpdateRaftVoter;
import dev.brook.broker.rpc.ControllerRpc.VoterAdded;
import dev.brook.broker.rpc.ControllerRpc.VoterRemoved;
import dev.brook.broker.rpc.ControllerRpc.VoterUpdated;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.AddRaftVoterRequestData;
import org.apache.kafka.common.message.AddRaftVoterResponseData;
import org.apache.kafka.common.message.AllocateProducerIdsRequestData;
import org.apache.kafka.common.message.AllocateProducerIdsResponseData;
import org.apache.kafka.common.message.BrokerHeartbeatRequestData;
import org.apache.kafka.common.message.BrokerHeartbeatResponseData;
import org.apache.kafka.common.message.CreateTopicsRequestData;
import org.apache.kafka.common.message.CreateTopicsResponseData;
import org.apache.kafka.common.message.DescribeQuorumRequestData;
import org.apache.kafka.common.message.DescribeQuorumResponseData;
import org.apache.kafka.common.message.IncrementalAlterConfigsRequestData;
import org.apache.kafka.common.message.IncrementalAlterConfigsResponseData;
import org.apache.kafka.common.message.RemoveRaftVoterRequestData;
import org.apache.kafka.common.message.RemoveRaftVoterResponseData;
import org.apache.kafka.common.message.UnregisterBrokerRequestData;
import org.apache.kafka.common.message.UnregisterBrokerResponseData;
import org.apache.kafka.common.message.UpdateRaftVoterRequestData;
import org.apache.kafka.common.message.UpdateRaftVoterResponseData;
import org.apache.kafka.common.protocol.Errors;

/**
 * Binary form of {@link ControllerRpc} messages. Where Kafka has the message, its body is Kafka's
 * generated message ({@link KafkaForms}, framed by {@link KafkaMessages}): BrokerHeartbeat v1,
 * AllocateProducerIds v0, CreateTopics v7 (forwarded creation), IncrementalAlterConfigs v1
 * (forwarded config changes), UnregisterBroker v0, and the quorum's DescribeQuorum v2, AddRaftVoter
 * v1, RemoveRaftVoter v0 and UpdateRaftVoter v0. Brook keeps its own schema for the rest:
 * registration (a Brook broker picks its own epoch per start, where Kafka's controller assigns
 * one), controlled shutdown (answered once the fencing committed, where Kafka polls heartbeats),
 * ISR changes (the reply carries the whole registration) and metadata fetches (Kafka's observers
 * fetch the Raft log itself).
 *
 * <pre>
 * request  := type:int8 version:int8 fields
 * response := type:int8 version:int8 error:int16 fields      (type of the request answered)
 * string   := length:int32 utf8 (length -1 = absent);  ints := count:int32 int32*
 * message  := version:int16 length:int32 Kafka's encoding of the message at that version
 * registration  := brokerId:int32 epoch:int64 rack:string count:int32 (name host port:int32)*
 * shutdown      := brokerId:int32 epoch:int64
 * alter         := brokerId:int32 brokerEpoch:int64 topicId:uuid partition:int32
 *                  leaderEpoch:int32 partitionEpoch:int32 newIsr:ints
 *                  reply := present:bool [replicas:ints isr:ints leader leaderEpoch partitionEpoch]
 * fetch-metadata: see {@link MetadataFetchSerde}
 * heartbeat, producer-ids, create-topics, alter-configs, unregister,
 * describe-quorum, add-voter, remove-voter := message
 *                  reply := message
 * </pre>
 *
 * Every type is at version 1 (version 0 had Brook's own schema for the messages Kafka has); an
 * unknown version fails loudly.
 */
public final class ControllerRpcSerde {

  private static final byte VERSION = 1;
  private static final byte REGISTRATION = 1;
  private static final byte HEARTBEAT = 2;
  private static final byte CONTROLLED_SHUTDOWN = 3;
  private static final byte ALTER_PARTITION = 4;
  private static final byte ALLOCATE_PRODUCER_IDS = 5;
  private static final byte CREATE_TOPICS = 6;
  private static final byte ALTER_CONFIGS = 7;
  private static final byte FETCH_METADATA = 8;
  private static final byte UNREGISTER_BROKER = 9;
  private static final short HEARTBEAT_VERSION = 1;
  private static final short ALLOCATE_PRODUCER_IDS_VERSION = 0;
  private static final short CREATE_TOPICS_VERSION = 7;
  private static final short ALTER_CONFIGS_VERSION = 1;
  private static final short UNREGISTER_BROKER_VERSION = 0;
  private static final byte DESCRIBE_QUORUM = 10;
  private static final byte ADD_RAFT_VOTER = 11;
  private static final byte REMOVE_RAFT_VOTER = 12;
  private static final byte UPDATE_RAFT_VOTER = 13;
  private static final short DESCRIBE_QUORUM_VERSION = 2;
  private static final short ADD_RAFT_VOTER_VERSION = 1;
  private static final short REMOVE_RAFT_VOTER_VERSION = 0;
  private static final short UPDATE_RAFT_VOTER_VERSION = 0;

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
          } else if (request instanceof FetchMetadata r) {
            MetadataFetchSerde.writeRequest(out, r);
          } else if (request instanceof BrokerHeartbeat r) {
            KafkaMessages.write(out, KafkaForms.toData(r), HEARTBEAT_VERSION);
          } else if (request instanceof AllocateProducerIds r) {
            KafkaMessages.write(out, KafkaForms.toData(r), ALLOCATE_PRODUCER_IDS_VERSION);
          } else if (request instanceof CreateTopics r) {
            KafkaMessages.write(out, KafkaForms.toData(r), CREATE_TOPICS_VERSION);
          } else if (request instanceof AlterConfigs r) {
            KafkaMessages.write(out, KafkaForms.toData(r), ALTER_CONFIGS_VERSION);
          } else if (request instanceof UnregisterBroker r) {
            KafkaMessages.write(out, KafkaForms.toData(r), UNREGISTER_BROKER_VERSION);
          } else if (request instanceof DescribeQuorum r) {
            KafkaMessages.write(out, r.data(), DESCRIBE_QUORUM_VERSION);
          } else if (request instanceof AddRaftVoter r) {
            KafkaMessages.write(out, r.data(), ADD_RAFT_VOTER_VERSION);
          } else if (request instanceof RemoveRaftVoter r) {
            KafkaMessages.write(out, r.data(), REMOVE_RAFT_VOTER_VERSION);
          } else if (request instanceof UpdateRaftVoter r) {
            KafkaMessages.write(out, r.data(), UPDATE_RAFT_VOTER_VERSION);
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
        case FETCH_METADATA:
          return MetadataFetchSerde.readRequest(in);
        case HEARTBEAT:
          return KafkaForms.fromData(
              KafkaMessages.<BrokerHeartbeatRequestData>read(in, BrokerHeartbeatRequestData::new));
        case ALLOCATE_PRODUCER_IDS:
          return KafkaForms.fromData(
              KafkaMessages.<AllocateProducerIdsRequestData>read(
                  in, AllocateProducerIdsRequestData::new));
        case CREATE_TOPICS:
          return KafkaForms.fromData(
              KafkaMessages.<CreateTopicsRequestData>read(in, CreateTopicsRequestData::new));
        case ALTER_CONFIGS:
          return KafkaForms.fromData(
              KafkaMessages.<IncrementalAlterConfigsRequestData>read(
                  in, IncrementalAlterConfigsRequestData::new));
        case UNREGISTER_BROKER:
          return KafkaForms.fromData(
              KafkaMessages.<UnregisterBrokerRequestData>read(
                  in, UnregisterBrokerRequestData::new));
        case DESCRIBE_QUORUM:
          return new DescribeQuorum(KafkaMessages.read(in, DescribeQuorumRequestData::new));
        case ADD_RAFT_VOTER:
          return new AddRaftVoter(KafkaMessages.read(in, AddRaftVoterRequestData::new));
        case REMOVE_RAFT_VOTER:
          return new RemoveRaftVoter(KafkaMessages.read(in, RemoveRaftVoterRequestData::new));
        case UPDATE_RAFT_VOTER:
          return new UpdateRaftVoter(KafkaMessages.read(in, UpdateRaftVoterRequestData::new));
        default:
          throw new IllegalArgumentException("unknown controller request type " + type);
      }
    } catch (IllegalArgumentException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("corrupt controller request", e);
    }
  }

  public static byte[] encode(Request answered, Response response) {
    return write(
        out -> {
          out.writeByte(typeOf(answered));
          out.writeByte(VERSION);
          out.writeShort(response.error().code());
          if (response instanceof AlterPartitionReply r) {
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
          } else if (response instanceof MetadataFetched r) {
            MetadataFetchSerde.writeReply(out, r);
          } else if (response instanceof HeartbeatReply r) {
            KafkaMessages.write(out, KafkaForms.toData(r), HEARTBEAT_VERSION);
          } else if (response instanceof ProducerIdsReply r) {
            KafkaMessages.write(out, KafkaForms.toData(r), ALLOCATE_PRODUCER_IDS_VERSION);
          } else if (response instanceof TopicsCreated r) {
            KafkaMessages.write(out, KafkaForms.toData(r), CREATE_TOPICS_VERSION);
          } else if (response instanceof ConfigsAltered r) {
            KafkaMessages.write(out, KafkaForms.toData(r), ALTER_CONFIGS_VERSION);
          } else if (response instanceof BrokerUnregistered r) {
            KafkaMessages.write(out, KafkaForms.toData(r), UNREGISTER_BROKER_VERSION);
          } else if (response instanceof QuorumDescribed r) {
            KafkaMessages.write(out, r.data(), DESCRIBE_QUORUM_VERSION);
          } else if (response instanceof VoterAdded r) {
            KafkaMessages.write(out, r.data(), ADD_RAFT_VOTER_VERSION);
          } else if (response instanceof VoterRemoved r) {
            KafkaMessages.write(out, r.data(), REMOVE_RAFT_VOTER_VERSION);
          } else if (response instanceof VoterUpdated r) {
            KafkaMessages.write(out, r.data(), UPDATE_RAFT_VOTER_VERSION);
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
        case FETCH_METADATA:
          return MetadataFetchSerde.readReply(in, error);
        case HEARTBEAT:
          return KafkaForms.fromData(
              KafkaMessages.<BrokerHeartbeatResponseData>read(
                  in, BrokerHeartbeatResponseData::new));
        case ALLOCATE_PRODUCER_IDS:
          return KafkaForms.fromData(
              KafkaMessages.<AllocateProducerIdsResponseData>read(
                  in, AllocateProducerIdsResponseData::new));
        case CREATE_TOPICS:
          return KafkaForms.fromData(
              error,
              KafkaMessages.<CreateTopicsResponseData>read(in, CreateTopicsResponseData::new));
        case ALTER_CONFIGS:
          return KafkaForms.fromData(
              error,
              KafkaMessages.<IncrementalAlterConfigsResponseData>read(
                  in, IncrementalAlterConfigsResponseData::new));
        case UNREGISTER_BROKER:
          return KafkaForms.fromData(
              KafkaMessages.<UnregisterBrokerResponseData>read(
                  in, UnregisterBrokerResponseData::new));
        case DESCRIBE_QUORUM:
          return new QuorumDescribed(KafkaMessages.read(in, DescribeQuorumResponseData::new));
        case ADD_RAFT_VOTER:
          return new VoterAdded(KafkaMessages.read(in, AddRaftVoterResponseData::new));
        case REMOVE_RAFT_VOTER:
          return new VoterRemoved(KafkaMessages.read(in, RemoveRaftVoterResponseData::new));
        case UPDATE_RAFT_VOTER:
          return new VoterUpdated(KafkaMessages.read(in, UpdateRaftVoterResponseData::new));
        default:
          throw new IllegalArgumentException("unknown controller response type " + type);
      }
    } catch (IllegalArgumentException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
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
    } else if (request instanceof AllocateProducerIds) {
      return ALLOCATE_PRODUCER_IDS;
    } else if (request instanceof CreateTopics) {
      return CREATE_TOPICS;
    } else if (request instanceof AlterConfigs) {
      return ALTER_CONFIGS;
    } else if (request instanceof FetchMetadata) {
      return FETCH_METADATA;
    } else if (request instanceof UnregisterBroker) {
      return UNREGISTER_BROKER;
    } else if (request instanceof DescribeQuorum) {
      return DESCRIBE_QUORUM;
    } else if (request instanceof AddRaftVoter) {
      return ADD_RAFT_VOTER;
    } else if (request instanceof RemoveRaftVoter) {
      return REMOVE_RAFT_VOTER;
    } else if (request instanceof UpdateRaftVoter) {
      return UPDATE_RAFT_VOTER;
    }
    throw new IllegalArgumentException("unknown controller request " + request);
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
