package dev.brook.broker.network;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import org.apache.kafka.common.message.ApiMessageType;
import org.apache.kafka.common.message.RequestHeaderData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.ByteBufferAccessor;

/**
 * Decodes one frame into a {@link Request} with kafka-clients' generated message classes. Anything
 * that cannot be a request this broker serves (unknown API key, version outside the implemented
 * range, a truncated body) fails with {@link InvalidFrameException}, which closes the connection as
 * Kafka does. The one exception is ApiVersions above our range: the client expects an
 * UNSUPPORTED_VERSION answer it can downgrade from.
 */
public final class RequestParser {

  private static final org.slf4j.Logger log =
      org.slf4j.LoggerFactory.getLogger(RequestParser.class);

  private static final int API_KEY_AND_VERSION_BYTES = 4;

  private final ApiVersionRanges ranges;

  public RequestParser(ApiVersionRanges ranges) {
    this.ranges = ranges;
  }

  public Request parse(ByteBuffer frame, String listenerName, InetAddress clientAddress) {
    if (frame.remaining() < API_KEY_AND_VERSION_BYTES) {
      throw new InvalidFrameException("frame of " + frame.remaining() + " bytes has no header");
    }
    short apiKeyId = frame.getShort(frame.position());
    short version = frame.getShort(frame.position() + 2);
    if (!ApiKeys.hasId(apiKeyId)) {
      throw new InvalidFrameException("unknown API key " + apiKeyId);
    }
    ApiKeys apiKey = ApiKeys.forId(apiKeyId);
    if (!ranges.isImplemented(apiKey)) {
      throw new InvalidFrameException("API " + apiKey.name + " is not supported by this broker");
    }
    ByteBufferAccessor readable = new ByteBufferAccessor(frame);
    RequestHeaderData header = readHeader(readable, apiKey, version);
    if (!ranges.supports(apiKey, version)) {
      if (apiKey == ApiKeys.API_VERSIONS) {
        return new Request(header, apiKey, version, null, listenerName, clientAddress);
      }
      throw new InvalidFrameException(
          apiKey.name
              + " v"
              + version
              + " is not supported (supported: "
              + ranges.oldestParsed(apiKey)
              + "-"
              + ranges.latest(apiKey)
              + ")");
    }
    ApiMessage body = readBody(readable, apiKey, version);
    return new Request(header, apiKey, version, body, listenerName, clientAddress);
  }

  private static RequestHeaderData readHeader(
      ByteBufferAccessor readable, ApiKeys apiKey, short version) {
    try {
      return new RequestHeaderData(readable, apiKey.requestHeaderVersion(version));
    } catch (RuntimeException e) {
      throw new InvalidFrameException("malformed " + apiKey.name + " request header", e);
    }
  }

  private static ApiMessage readBody(ByteBufferAccessor readable, ApiKeys apiKey, short version) {
    ApiMessage body = ApiMessageType.fromApiKey(apiKey.id).newRequest();
    try {
      body.read(readable, version);
    } catch (RuntimeException e) {
      throw new InvalidFrameException("malformed " + apiKey.name + " v" + version + " body", e);
    }
    if (readable.remaining() != 0) {
      // Apache Kafka ignores bytes after a well-formed body, and librdkafka 2.x sends some
      // (Metadata v13 with 3 extra bytes): refusing them would cut such clients off.
      log.debug(
          "ignoring {} trailing bytes after a {} v{} body",
          readable.remaining(),
          apiKey.name,
          version);
    }
    return body;
  }
}
