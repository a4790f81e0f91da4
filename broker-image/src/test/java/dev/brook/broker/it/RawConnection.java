package dev.brook.broker.it;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import org.apache.kafka.common.message.ApiMessageType;
import org.apache.kafka.common.message.RequestHeaderData;
import org.apache.kafka.common.message.ResponseHeaderData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.MessageUtil;

/**
 * A bare socket speaking the Kafka framing, for sending what no well-behaved client would: raw
 * bytes, unknown keys and versions, corrupted batches.
 */
public final class RawConnection implements AutoCloseable {

  private final Socket socket;
  private final DataOutputStream out;
  private final DataInputStream in;
  private int correlationId;

  public RawConnection(String bootstrap) throws IOException {
    String[] hostPort = bootstrap.split(":");
    socket = new Socket();
    socket.connect(new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1])), 5000);
    socket.setSoTimeout(10_000);
    out = new DataOutputStream(socket.getOutputStream());
    in = new DataInputStream(socket.getInputStream());
  }

  public void sendRaw(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  public void sendFrame(byte[] frame) throws IOException {
    out.writeInt(frame.length);
    out.write(frame);
    out.flush();
  }

  /** Sends a well-formed request and returns its correlation id. */
  public int send(ApiMessage body, short version) throws IOException {
    ApiKeys apiKey = ApiKeys.forId(body.apiKey());
    RequestHeaderData header =
        new RequestHeaderData()
            .setRequestApiKey(apiKey.id)
            .setRequestApiVersion(version)
            .setClientId("raw-test")
            .setCorrelationId(++correlationId);
    ByteBuffer headerBytes =
        MessageUtil.toByteBufferAccessor(header, apiKey.requestHeaderVersion(version)).buffer();
    ByteBuffer bodyBytes = MessageUtil.toByteBufferAccessor(body, version).buffer();
    byte[] frame = new byte[headerBytes.remaining() + bodyBytes.remaining()];
    headerBytes.get(frame, 0, headerBytes.remaining());
    bodyBytes.get(frame, frame.length - bodyBytes.remaining(), bodyBytes.remaining());
    sendFrame(frame);
    return correlationId;
  }

  /** Reads one response frame and decodes it as {@code apiKey} at {@code version}. */
  public <T extends ApiMessage> T receive(ApiKeys apiKey, short version, int expectedCorrelationId)
      throws IOException {
    int size = in.readInt();
    byte[] frame = in.readNBytes(size);
    ByteBufferAccessor readable = new ByteBufferAccessor(ByteBuffer.wrap(frame));
    ResponseHeaderData header =
        new ResponseHeaderData(readable, apiKey.responseHeaderVersion(version));
    if (header.correlationId() != expectedCorrelationId) {
      throw new IOException(
          "correlation " + header.correlationId() + " != " + expectedCorrelationId);
    }
    ApiMessage body = ApiMessageType.fromApiKey(apiKey.id).newResponse();
    body.read(readable, version);
    @SuppressWarnings("unchecked")
    T typed = (T) body;
    return typed;
  }

  /** Whether the broker closed the connection (EOF) within the socket timeout. */
  public boolean closedByBroker() throws IOException {
    try {
      return in.read() == -1;
    } catch (EOFException e) {
      return true;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true;
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
