package dev.brook.broker.metadata.record;

import static dev.brook.broker.metadata.record.BinaryFields.readInts;
import static dev.brook.broker.metadata.record.BinaryFields.readListeners;
import static dev.brook.broker.metadata.record.BinaryFields.readMap;
import static dev.brook.broker.metadata.record.BinaryFields.readString;
import static dev.brook.broker.metadata.record.BinaryFields.readUuid;
import static dev.brook.broker.metadata.record.BinaryFields.writeInts;
import static dev.brook.broker.metadata.record.BinaryFields.writeListeners;
import static dev.brook.broker.metadata.record.BinaryFields.writeMap;
import static dev.brook.broker.metadata.record.BinaryFields.writeString;
import static dev.brook.broker.metadata.record.BinaryFields.writeUuid;

import dev.brook.broker.config.Listener;
import dev.brook.broker.metadata.image.PartitionRegistration;
import dev.brook.broker.metadata.record.MetadataRecord.AllocateProducerIds;
import dev.brook.broker.metadata.record.MetadataRecord.CreateTopic;
import dev.brook.broker.metadata.record.MetadataRecord.RegisterBroker;
import dev.brook.broker.metadata.record.MetadataRecord.RemoveTopic;
import dev.brook.broker.metadata.record.MetadataRecord.SetBrokerConfigs;
import dev.brook.broker.metadata.record.MetadataRecord.SetBrokerFenced;
import dev.brook.broker.metadata.record.MetadataRecord.SetPartition;
import dev.brook.broker.metadata.record.MetadataRecord.SetTopicConfigs;
import dev.brook.broker.metadata.record.MetadataRecord.UnregisterBroker;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.Uuid;

/**
 * Binary form of {@link MetadataRecord}s in the metadata log.
 *
 * <pre>
 * record  := type:int8 version:int8 fields
 * string  := length:int32 utf8-bytes          (length -1 = absent)
 * list    := count:int32 element*
 * map     := count:int32 (key:string value:string)*   (keys sorted)
 * uuid    := most:int64 least:int64
 * </pre>
 *
 * Every type is at version 0 except SetPartition, whose version 1 adds the reassignment lists
 * ({@code adding}, {@code removing}) after the epochs; version 0 records read with both empty. A
 * reader meeting a newer version fails loudly rather than guess.
 */
public final class MetadataRecordSerde {

  private static final byte VERSION = 0;
  private static final byte SET_PARTITION_VERSION = 1;
  private static final byte REGISTER_BROKER = 1;
  private static final byte SET_BROKER_FENCED = 2;
  private static final byte CREATE_TOPIC = 3;
  private static final byte SET_PARTITION = 4;
  private static final byte REMOVE_TOPIC = 5;
  private static final byte SET_TOPIC_CONFIGS = 6;
  private static final byte ALLOCATE_PRODUCER_IDS = 7;
  private static final byte SET_BROKER_CONFIGS = 8;
  private static final byte UNREGISTER_BROKER = 9;

  private MetadataRecordSerde() {}

  public static byte[] serialize(MetadataRecord record) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      write(record, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  public static MetadataRecord deserialize(byte[] data) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
      byte type = in.readByte();
      byte version = in.readByte();
      byte newest = type == SET_PARTITION ? SET_PARTITION_VERSION : VERSION;
      if (version < 0 || version > newest) {
        throw new IllegalStateException(
            "metadata record type " + type + " has unknown version " + version);
      }
      return read(type, version, in);
    } catch (IOException e) {
      throw new IllegalStateException("corrupt metadata record", e);
    }
  }

  private static void write(MetadataRecord record, DataOutputStream out) throws IOException {
    if (record instanceof RegisterBroker r) {
      header(out, REGISTER_BROKER);
      out.writeInt(r.id());
      out.writeLong(r.epoch());
      writeString(out, r.rack().orElse(null));
      writeListeners(out, r.endpoints());
    } else if (record instanceof SetBrokerFenced r) {
      header(out, SET_BROKER_FENCED);
      out.writeInt(r.id());
      out.writeBoolean(r.fenced());
    } else if (record instanceof UnregisterBroker r) {
      header(out, UNREGISTER_BROKER);
      out.writeInt(r.id());
    } else if (record instanceof CreateTopic r) {
      header(out, CREATE_TOPIC);
      writeString(out, r.name());
      writeUuid(out, r.id());
      writeMap(out, r.configs());
    } else if (record instanceof SetPartition r) {
      out.writeByte(SET_PARTITION);
      out.writeByte(SET_PARTITION_VERSION);
      writeUuid(out, r.topicId());
      out.writeInt(r.partition());
      PartitionRegistration p = r.registration();
      writeInts(out, p.replicas());
      writeInts(out, p.isr());
      out.writeInt(p.leader());
      out.writeInt(p.leaderEpoch());
      out.writeInt(p.partitionEpoch());
      writeInts(out, p.addingReplicas());
      writeInts(out, p.removingReplicas());
    } else if (record instanceof RemoveTopic r) {
      header(out, REMOVE_TOPIC);
      writeUuid(out, r.topicId());
    } else if (record instanceof SetTopicConfigs r) {
      header(out, SET_TOPIC_CONFIGS);
      writeUuid(out, r.topicId());
      writeMap(out, r.configs());
    } else if (record instanceof SetBrokerConfigs r) {
      header(out, SET_BROKER_CONFIGS);
      out.writeInt(r.brokerId());
      writeMap(out, r.configs());
    } else if (record instanceof AllocateProducerIds r) {
      header(out, ALLOCATE_PRODUCER_IDS);
      out.writeInt(r.brokerId());
      out.writeLong(r.nextProducerId());
    } else {
      throw new IllegalArgumentException("unknown metadata record " + record);
    }
  }

  private static MetadataRecord read(byte type, byte version, DataInputStream in)
      throws IOException {
    switch (type) {
      case REGISTER_BROKER:
        {
          int id = in.readInt();
          long epoch = in.readLong();
          Optional<String> rack = Optional.ofNullable(readString(in));
          List<Listener> endpoints = readListeners(in);
          return new RegisterBroker(id, epoch, rack, endpoints);
        }
      case SET_BROKER_FENCED:
        return new SetBrokerFenced(in.readInt(), in.readBoolean());
      case UNREGISTER_BROKER:
        return new UnregisterBroker(in.readInt());
      case CREATE_TOPIC:
        return new CreateTopic(readString(in), readUuid(in), readMap(in));
      case SET_PARTITION:
        {
          Uuid topicId = readUuid(in);
          int partition = in.readInt();
          List<Integer> replicas = readInts(in);
          List<Integer> isr = readInts(in);
          int leader = in.readInt();
          int leaderEpoch = in.readInt();
          int partitionEpoch = in.readInt();
          List<Integer> adding = version >= 1 ? readInts(in) : List.of();
          List<Integer> removing = version >= 1 ? readInts(in) : List.of();
          return new SetPartition(
              topicId,
              partition,
              new PartitionRegistration(
                  replicas, isr, leader, leaderEpoch, partitionEpoch, adding, removing));
        }
      case REMOVE_TOPIC:
        return new RemoveTopic(readUuid(in));
      case SET_TOPIC_CONFIGS:
        return new SetTopicConfigs(readUuid(in), readMap(in));
      case ALLOCATE_PRODUCER_IDS:
        return new AllocateProducerIds(in.readInt(), in.readLong());
      case SET_BROKER_CONFIGS:
        return new SetBrokerConfigs(in.readInt(), readMap(in));
      default:
        throw new IllegalStateException("unknown metadata record type " + type);
    }
  }

  private static void header(DataOutputStream out, byte type) throws IOException {
    out.writeByte(type);
    out.writeByte(VERSION);
  }
}
