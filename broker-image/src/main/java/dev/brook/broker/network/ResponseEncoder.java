package dev.brook.broker.network;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.List;
import org.apache.kafka.common.message.ResponseHeaderData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.MessageSizeAccumulator;
import org.apache.kafka.common.protocol.ObjectSerializationCache;

/**
 * Serializes a response as size prefix + response header + body. The header version follows {@link
 * ApiKeys#responseHeaderVersion}, which keeps ApiVersions at header v0 as clients require. One
 * {@link ObjectSerializationCache} per response is shared by sizing and writing.
 */
public final class ResponseEncoder {

  private ResponseEncoder() {}

  public static List<Object> encode(
      ByteBufAllocator allocator,
      int correlationId,
      ApiKeys apiKey,
      short apiVersion,
      ApiMessage body) {
    short headerVersion = apiKey.responseHeaderVersion(apiVersion);
    ResponseHeaderData header = new ResponseHeaderData().setCorrelationId(correlationId);
    ObjectSerializationCache cache = new ObjectSerializationCache();
    MessageSizeAccumulator size = new MessageSizeAccumulator();
    header.addSize(size, cache, headerVersion);
    body.addSize(size, cache, apiVersion);

    ByteBuf buffer =
        allocator.heapBuffer(FrameDecoder.SIZE_PREFIX_BYTES + size.sizeExcludingZeroCopy());
    ZeroCopyWritable writable = new ZeroCopyWritable(buffer);
    writable.writeInt(size.totalSize());
    header.write(writable, cache, headerVersion);
    body.write(writable, cache, apiVersion);
    return writable.finish();
  }
}
