package dev.brook.broker.group;

import java.nio.ByteBuffer;
import java.util.function.Supplier;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.MessageUtil;

/** Encodes a message at a version and decodes it again, as the network layer would. */
final class Wire {
  private Wire() {}

  static <T extends ApiMessage> T roundTrip(T message, short version, Supplier<T> empty) {
    ByteBuffer buffer = MessageUtil.toByteBufferAccessor(message, version).buffer();
    if (buffer.position() > 0) {
      buffer.flip();
    }
    T copy = empty.get();
    copy.read(new ByteBufferAccessor(buffer), version);
    return copy;
  }
}
