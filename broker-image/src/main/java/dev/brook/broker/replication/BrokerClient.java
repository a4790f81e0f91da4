package dev.brook.broker.replication;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
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
 * A blocking Kafka-protocol connection from this broker to another, used by one replica fetcher
 * thread: one request in flight at a time, reconnecting on the next call after a failure. Versions
 * are fixed (both ends are Brook brokers of this build).
 *
 * <p>Not thread-safe: owned by a single fetcher thread.
 */
final class BrokerClient implements AutoCloseable {

  private final String clientId;
  private final int connectTimeoutMs;
  private final int requestTimeoutMs;
  private InetSocketAddress address;
  private Socket socket;
  private DataOutputStream out;
  private DataInputStream in;
  private int correlationId;

  BrokerClient(String clientId, int connectTimeoutMs, int requestTimeoutMs) {
    this.clientId = clientId;
    this.connectTimeoutMs = connectTimeoutMs;
    this.requestTimeoutMs = requestTimeoutMs;
  }

  /** Points the client at {@code target}, dropping the connection if the address changed. */
  void target(InetSocketAddress target) {
    if (!target.equals(address)) {
      close();
      address = target;
    }
  }

  @SuppressWarnings("unchecked")
  <T extends ApiMessage> T send(ApiMessage request, short version) throws IOException {
    ensureConnected();
    try {
      int id = ++correlationId;
      write(request, version, id);
      return (T) read(ApiKeys.forId(request.apiKey()), version, id);
    } catch (IOException | RuntimeException e) {
      close();
      throw e instanceof IOException io ? io : new IOException("bad response from " + address, e);
    }
  }

  private void ensureConnected() throws IOException {
    if (socket != null) {
      return;
    }
    if (address == null) {
      throw new IOException("no target broker");
    }
    Socket created = new Socket();
    try {
      created.setTcpNoDelay(true);
      created.connect(address, connectTimeoutMs);
      created.setSoTimeout(requestTimeoutMs);
    } catch (IOException e) {
      created.close();
      throw e;
    }
    socket = created;
    out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream(), 64 * 1024));
    in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 64 * 1024));
  }

  private void write(ApiMessage request, short version, int id) throws IOException {
    ApiKeys apiKey = ApiKeys.forId(request.apiKey());
    RequestHeaderData header =
        new RequestHeaderData()
            .setRequestApiKey(apiKey.id)
            .setRequestApiVersion(version)
            .setClientId(clientId)
            .setCorrelationId(id);
    ByteBuffer headerBytes =
        MessageUtil.toByteBufferAccessor(header, apiKey.requestHeaderVersion(version)).buffer();
    ByteBuffer bodyBytes = MessageUtil.toByteBufferAccessor(request, version).buffer();
    out.writeInt(headerBytes.remaining() + bodyBytes.remaining());
    out.write(
        headerBytes.array(),
        headerBytes.arrayOffset() + headerBytes.position(),
        headerBytes.remaining());
    out.write(
        bodyBytes.array(), bodyBytes.arrayOffset() + bodyBytes.position(), bodyBytes.remaining());
    out.flush();
  }

  private ApiMessage read(ApiKeys apiKey, short version, int expectedId) throws IOException {
    int size = in.readInt();
    byte[] frame = new byte[size];
    in.readFully(frame);
    ByteBufferAccessor readable = new ByteBufferAccessor(ByteBuffer.wrap(frame));
    ResponseHeaderData header =
        new ResponseHeaderData(readable, apiKey.responseHeaderVersion(version));
    if (header.correlationId() != expectedId) {
      throw new IOException(
          "response correlation "
              + header.correlationId()
              + " does not match request "
              + expectedId);
    }
    ApiMessage response = ApiMessageType.fromApiKey(apiKey.id).newResponse();
    response.read(readable, version);
    return response;
  }

  @Override
  public void close() {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // closing a broken connection: nothing left to release
      }
    }
    socket = null;
    out = null;
    in = null;
  }
}
