package dev.brook.broker.rpc;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.function.BiFunction;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.Message;
import org.apache.kafka.common.protocol.ObjectSerializationCache;
import org.apache.kafka.common.protocol.Readable;

/**
 * Kafka's generated message classes inside a controller RPC: a message is written as {@code
 * length:int32} and its Kafka encoding at the given version, so a controller message that Kafka
 * defines travels in Kafka's own schema.
 */
final class KafkaMessages {

  private KafkaMessages() {}

  static void write(DataOutputStream out, Message message, short version) throws IOException {
    ObjectSerializationCache cache = new ObjectSerializationCache();
    ByteBuffer buffer = ByteBuffer.allocate(message.size(cache, version));
    message.write(new ByteBufferAccessor(buffer), cache, version);
    out.writeInt(buffer.capacity());
    out.write(buffer.array());
  }

  static <M extends Message> M read(
      DataInputStream in, short version, BiFunction<Readable, Short, M> parser) throws IOException {
    int length = in.readInt();
    if (length < 0) {
      throw new IOException("negative message length " + length);
    }
    byte[] bytes = in.readNBytes(length);
    if (bytes.length != length) {
      throw new IOException("message truncated at " + bytes.length + " of " + length + " bytes");
    }
    return parser.apply(new ByteBufferAccessor(ByteBuffer.wrap(bytes)), version);
  }
}
