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
 *
 * <p>A body that cannot be written at the requested version (a field set that the version lacks,
 * for instance) fails with {@link ResponseEncodingException} before anything reaches the channel,
 * so the caller can still answer with an error response instead.
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
    try {
      header.addSize(size, cache, headerVersion);
      body.addSize(size, cache, apiVersion);
    } catch (RuntimeException e) {
      throw new ResponseEncodingException(apiKey, apiVersion, e);
    }
    ByteBuf buffer =
        allocator.heapBuffer(FrameDecoder.SIZE_PREFIX_BYTES + size.sizeExcludingZeroCopy());
    ZeroCopyWritable writable = new ZeroCopyWritable(buffer);
    try {
      writable.writeInt(size.totalSize());
      header.write(writable, cache, headerVersion);
      body.write(writable, cache, apiVersion);
    } catch (RuntimeException e) {
      writable.abandon();
      throw new ResponseEncodingException(apiKey, apiVersion, e);
    }
    return writable.finish();
  }
}
