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
 * version:int16 length:int32} and its Kafka encoding at that version, so a controller message that
 * Kafka defines travels in Kafka's own schema, and a reader parses it at the version it was written
 * in (failing loudly on a version its kafka-clients does not know).
 */
final class KafkaMessages {

  private KafkaMessages() {}

  static void write(DataOutputStream out, Message message, short version) throws IOException {
    ObjectSerializationCache cache = new ObjectSerializationCache();
    ByteBuffer buffer = ByteBuffer.allocate(message.size(cache, version));
    message.write(new ByteBufferAccessor(buffer), cache, version);
    out.writeShort(version);
    out.writeInt(buffer.capacity());
    out.write(buffer.array());
  }

  static <M extends Message> M read(DataInputStream in, BiFunction<Readable, Short, M> parser)
      throws IOException {
    short version = in.readShort();
    int length = in.readInt();
    if (length < 0) {
      throw new IOException("negative message length " + length);
    }
    byte[] bytes = in.readNBytes(length);
    if (bytes.length != length) {
      throw new IOException("message truncated at " + bytes.length + " of " + length + " bytes");
    }
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    M message = parser.apply(new ByteBufferAccessor(buffer), version);
    if (version < message.lowestSupportedVersion() || version > message.highestSupportedVersion()) {
      throw new IOException(
          message.getClass().getSimpleName() + " has no version " + version + " in these clients");
    }
    if (buffer.hasRemaining()) {
      throw new IOException(buffer.remaining() + " bytes left after the message");
    }
    return message;
  }
}
