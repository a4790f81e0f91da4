package dev.brook.broker.rpc;

import static dev.brook.broker.metadata.record.BinaryFields.readString;
import static dev.brook.broker.metadata.record.BinaryFields.writeString;

import dev.brook.broker.controller.TopicCreationResult;
import dev.brook.broker.rpc.ControllerRpc.CreateTopics;
import dev.brook.broker.rpc.ControllerRpc.TopicsCreated;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.CreateTopicsRequestData.CreatableTopic;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.ApiError;

/**
 * The fields of {@link CreateTopics} and {@link TopicsCreated}, after the common header that {@link
 * ControllerRpcSerde} writes. Each topic travels in Kafka's CreateTopics request encoding at the
 * version named in the request (see {@link KafkaMessages}).
 *
 * <pre>
 * create-topics := validateOnly:bool apiVersion:int16 count:int32 message(CreatableTopic)*
 * reply         := count:int32 (name errorCode:int16 errorMessage topicId:uuid
 *                  partitions:int32 replicationFactor:int16 configs)*
 * configs       := count:int32 (key value)*
 * </pre>
 */
final class CreateTopicsSerde {

  private static final short CREATE_TOPICS_VERSION = ApiKeys.CREATE_TOPICS.latestVersion();

  private CreateTopicsSerde() {}

  static void writeRequest(DataOutputStream out, CreateTopics request) throws IOException {
    out.writeBoolean(request.validateOnly());
    out.writeShort(CREATE_TOPICS_VERSION);
    out.writeInt(request.topics().size());
    for (CreatableTopic topic : request.topics()) {
      KafkaMessages.write(out, topic, CREATE_TOPICS_VERSION);
    }
  }

  static CreateTopics readRequest(DataInputStream in) throws IOException {
    boolean validateOnly = in.readBoolean();
    short apiVersion = in.readShort();
    int count = in.readInt();
    List<CreatableTopic> topics = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      topics.add(KafkaMessages.read(in, apiVersion, CreatableTopic::new));
    }
    return new CreateTopics(topics, validateOnly);
  }

  static void writeReply(DataOutputStream out, TopicsCreated reply) throws IOException {
    out.writeInt(reply.results().size());
    for (TopicCreationResult result : reply.results()) {
      writeTopicResult(out, result);
    }
  }

  static TopicsCreated readReply(DataInputStream in, Errors error) throws IOException {
    int count = in.readInt();
    List<TopicCreationResult> results = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      results.add(readTopicResult(in));
    }
    return new TopicsCreated(error, results);
  }

  private static void writeTopicResult(DataOutputStream out, TopicCreationResult result)
      throws IOException {
    writeString(out, result.name());
    out.writeShort(result.error().error().code());
    writeString(out, result.error().message());
    out.writeLong(result.topicId().getMostSignificantBits());
    out.writeLong(result.topicId().getLeastSignificantBits());
    out.writeInt(result.partitions());
    out.writeShort(result.replicationFactor());
    Map<String, String> configs = new TreeMap<>(result.configs());
    out.writeInt(configs.size());
    for (Map.Entry<String, String> entry : configs.entrySet()) {
      writeString(out, entry.getKey());
      writeString(out, entry.getValue());
    }
  }

  private static TopicCreationResult readTopicResult(DataInputStream in) throws IOException {
    String name = readString(in);
    ApiError error = new ApiError(Errors.forCode(in.readShort()), readString(in));
    Uuid topicId = new Uuid(in.readLong(), in.readLong());
    int partitions = in.readInt();
    short replicationFactor = in.readShort();
    int count = in.readInt();
    Map<String, String> configs = new TreeMap<>();
    for (int i = 0; i < count; i++) {
      configs.put(readString(in), readString(in));
    }
    return new TopicCreationResult(name, error, topicId, partitions, replicationFactor, configs);
  }
}
