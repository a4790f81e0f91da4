package dev.brook.bench;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import org.apache.kafka.common.message.ApiMessageType;
import org.apache.kafka.common.message.RequestHeaderData;
import org.apache.kafka.common.message.ResponseHeaderData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.MessageUtil;

/**
 * One blocking socket to one broker that sends a generated {@code *Data} request at an exact
 * version and decodes its answer at that version, so the probe sees every field the broker sent (an
 * Admin call would retry or translate errors away).
 */
final class ProbeConnection implements AutoCloseable {

  private final Socket socket = new Socket();
  private final DataOutputStream out;
  private final DataInputStream in;
  private int correlationId;

  ProbeConnection(String hostPort) throws IOException {
    int colon = hostPort.lastIndexOf(':');
    socket.connect(
        new InetSocketAddress(
            hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1))),
        5_000);
    socket.setSoTimeout(15_000);
    out = new DataOutputStream(socket.getOutputStream());
    in = new DataInputStream(socket.getInputStream());
  }

  /** Sends {@code request} at {@code version} and returns the broker's decoded response. */
  @SuppressWarnings("unchecked")
  <T extends ApiMessage> T call(ApiMessage request, short version) throws IOException {
    ApiKeys apiKey = ApiKeys.forId(request.apiKey());
    RequestHeaderData header =
        new RequestHeaderData()
            .setRequestApiKey(apiKey.id)
            .setRequestApiVersion(version)
            .setClientId("semantics-probe")
            .setCorrelationId(++correlationId);
    ByteBuffer headerBytes =
        MessageUtil.toByteBufferAccessor(header, apiKey.requestHeaderVersion(version)).buffer();
    ByteBuffer bodyBytes = MessageUtil.toByteBufferAccessor(request, version).buffer();
    out.writeInt(headerBytes.remaining() + bodyBytes.remaining());
    out.write(headerBytes.array(), headerBytes.arrayOffset(), headerBytes.remaining());
    out.write(bodyBytes.array(), bodyBytes.arrayOffset(), bodyBytes.remaining());
    out.flush();

    byte[] frame = in.readNBytes(in.readInt());
    ByteBufferAccessor readable = new ByteBufferAccessor(ByteBuffer.wrap(frame));
    ResponseHeaderData responseHeader =
        new ResponseHeaderData(readable, apiKey.responseHeaderVersion(version));
    if (responseHeader.correlationId() != correlationId) {
      throw new IOException(
          "answer to correlation id " + responseHeader.correlationId() + ", sent " + correlationId);
    }
    ApiMessage response = ApiMessageType.fromApiKey(apiKey.id).newResponse();
    response.read(readable, version);
    return (T) response;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
