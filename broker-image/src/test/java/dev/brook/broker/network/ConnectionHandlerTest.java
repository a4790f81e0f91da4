package dev.brook.broker.network;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brook.broker.api.KafkaApis;
import dev.brook.broker.api.SupportedApis;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.ApiVersionsRequestData;
import org.apache.kafka.common.message.ApiVersionsResponseData;
import org.apache.kafka.common.message.ListOffsetsRequestData;
import org.apache.kafka.common.message.ListOffsetsResponseData;
import org.apache.kafka.common.message.MetadataRequestData;
import org.apache.kafka.common.message.MetadataResponseData;
import org.apache.kafka.common.message.RequestHeaderData;
import org.apache.kafka.common.message.ResponseHeaderData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.protocol.MessageUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Framing, ordering and error handling of one connection, on Netty's EmbeddedChannel. */
class ConnectionHandlerTest {

  /** Completes requests when the test says so, to control completion order. */
  private static final class ControlledDispatcher implements RequestDispatcher {
    final List<CompletableFuture<ApiMessage>> pending = new ArrayList<>();
    final List<Request> received = new ArrayList<>();

    @Override
    public CompletableFuture<ApiMessage> dispatch(Request request) {
      received.add(request);
      CompletableFuture<ApiMessage> future = new CompletableFuture<>();
      pending.add(future);
      return future;
    }

    /** How error responses are built: Kafka's shape by default, as the broker does. */
    java.util.function.BiFunction<Request, Throwable, ApiMessage> errorResponses =
        new KafkaApis(Runnable::run)::errorResponse;

    @Override
    public ApiMessage errorResponse(Request request, Throwable error) {
      return errorResponses.apply(request, error);
    }
  }

  private final ControlledDispatcher dispatcher = new ControlledDispatcher();
  private final EmbeddedChannel channel =
      new EmbeddedChannel(
          new FrameDecoder(1024),
          new ConnectionHandler(new RequestParser(new SupportedApis()), dispatcher, "PLAINTEXT"));

  static short[] apiVersionsVersions() {
    short[] versions = new short[ApiKeys.API_VERSIONS.latestVersion() + 1];
    for (short v = 0; v < versions.length; v++) {
      versions[v] = v;
    }
    return versions;
  }

  @ParameterizedTest
  @MethodSource("apiVersionsVersions")
  void shouldDecodeEveryApiVersionsVersionAndAnswerWithTheSameVersion(short version) {
    channel.writeInbound(
        frame(
            new ApiVersionsRequestData().setClientSoftwareName("t").setClientSoftwareVersion("1"),
            version,
            11));
    assertThat(dispatcher.received).hasSize(1);
    assertThat(dispatcher.received.get(0).apiVersion()).isEqualTo(version);

    dispatcher.pending.get(0).complete(new ApiVersionsResponseData().setErrorCode((short) 0));
    channel.runPendingTasks();
    ByteBuffer response = readResponse();
    ResponseHeaderData header = new ResponseHeaderData(new ByteBufferAccessor(response), (short) 0);
    assertThat(header.correlationId()).isEqualTo(11);
  }

  @Test
  void shouldNotDispatchTheNextRequestBeforeTheFirstIsAnswered() {
    channel.writeInbound(frame(new MetadataRequestData(), (short) 12, 1));
    channel.writeInbound(frame(new MetadataRequestData(), (short) 12, 2));
    assertThat(dispatcher.received).hasSize(1);

    dispatcher.pending.get(0).complete(new MetadataResponseData());
    channel.runPendingTasks();
    assertThat(dispatcher.received).hasSize(2);
    assertThat(correlationOf(readResponse(), (short) 12)).isEqualTo(1);
  }

  @Test
  void shouldWriteNothingForARequestWithoutResponse() {
    channel.writeInbound(frame(new MetadataRequestData(), (short) 12, 1));
    dispatcher.pending.get(0).complete(null);
    channel.runPendingTasks();
    assertThat((Object) channel.readOutbound()).isNull();
    assertThat(channel.isActive()).isTrue();
  }

  @Test
  void shouldAnswerAFailedHandlerWithItsApisErrorResponseAndGoOn() {
    channel.writeInbound(frame(listOffsetsRequest(), (short) 2, 7));
    channel.writeInbound(frame(new MetadataRequestData(), (short) 12, 8));

    dispatcher.pending.get(0).completeExceptionally(new IllegalStateException("injected"));
    channel.runPendingTasks();

    ListOffsetsResponseData answer = listOffsetsResponse(readResponse(), (short) 2, 7);
    assertThat(answer.topics().get(0).partitions().get(0).errorCode())
        .isEqualTo(Errors.UNKNOWN_SERVER_ERROR.code());
    assertThat(dispatcher.received).hasSize(2);
    dispatcher.pending.get(1).complete(new MetadataResponseData());
    channel.runPendingTasks();
    assertThat(correlationOf(readResponse(), (short) 12)).isEqualTo(8);
  }

  @Test
  void shouldAnswerWithAnErrorResponseWhenTheResponseCannotBeEncodedAtTheRequestedVersion() {
    channel.writeInbound(frame(listOffsetsRequest(), (short) 2, 9));

    // A leader epoch exists only from ListOffsets v4: kafka-clients refuses to write it at v2.
    dispatcher.pending.get(0).complete(listOffsetsAnswer(5));
    channel.runPendingTasks();

    ListOffsetsResponseData answer = listOffsetsResponse(readResponse(), (short) 2, 9);
    assertThat(answer.topics().get(0).partitions().get(0).errorCode())
        .isEqualTo(Errors.UNKNOWN_SERVER_ERROR.code());
    assertThat(channel.isActive()).isTrue();
  }

  @Test
  void shouldCloseTheConnectionWhenNotEvenAnErrorResponseCanBeWritten() {
    dispatcher.errorResponses =
        (request, error) -> {
          throw new IllegalStateException("no error response either");
        };
    channel.writeInbound(frame(listOffsetsRequest(), (short) 2, 10));

    dispatcher.pending.get(0).complete(listOffsetsAnswer(5));
    channel.runPendingTasks();

    assertThat((Object) channel.readOutbound()).isNull();
    assertThat(channel.isActive()).isFalse();
  }

  @Test
  void shouldCloseTheConnectionWhenTheErrorResponseCannotBeEncodedEither() {
    dispatcher.errorResponses = (request, error) -> listOffsetsAnswer(5);
    channel.writeInbound(frame(listOffsetsRequest(), (short) 2, 11));

    dispatcher.pending.get(0).completeExceptionally(new IllegalStateException("injected"));
    channel.runPendingTasks();

    assertThat((Object) channel.readOutbound()).isNull();
    assertThat(channel.isActive()).isFalse();
  }

  private static ListOffsetsRequestData listOffsetsRequest() {
    ListOffsetsRequestData request = new ListOffsetsRequestData().setReplicaId(-1);
    request
        .topics()
        .add(
            new ListOffsetsRequestData.ListOffsetsTopic()
                .setName("t")
                .setPartitions(
                    List.of(
                        new ListOffsetsRequestData.ListOffsetsPartition()
                            .setPartitionIndex(0)
                            .setTimestamp(-1))));
    return request;
  }

  private static ListOffsetsResponseData listOffsetsAnswer(int leaderEpoch) {
    ListOffsetsResponseData response = new ListOffsetsResponseData();
    response
        .topics()
        .add(
            new ListOffsetsResponseData.ListOffsetsTopicResponse()
                .setName("t")
                .setPartitions(
                    List.of(
                        new ListOffsetsResponseData.ListOffsetsPartitionResponse()
                            .setPartitionIndex(0)
                            .setOffset(3)
                            .setTimestamp(-1)
                            .setLeaderEpoch(leaderEpoch))));
    return response;
  }

  private static ListOffsetsResponseData listOffsetsResponse(
      ByteBuffer response, short version, int expectedCorrelationId) {
    ByteBufferAccessor readable = new ByteBufferAccessor(response);
    ResponseHeaderData header =
        new ResponseHeaderData(readable, ApiKeys.LIST_OFFSETS.responseHeaderVersion(version));
    assertThat(header.correlationId()).isEqualTo(expectedCorrelationId);
    return new ListOffsetsResponseData(readable, version);
  }

  @Test
  void shouldCloseTheConnectionOnAnOversizeFrame() {
    ByteBuf prefix = Unpooled.buffer().writeInt(4096);
    try {
      channel.writeInbound(prefix);
    } catch (RuntimeException expected) {
      // EmbeddedChannel rethrows what the pipeline reported
    }
    channel.runPendingTasks();
    assertThat(channel.isActive()).isFalse();
    assertThat(dispatcher.received).isEmpty();
  }

  private static ByteBuf frame(ApiMessage body, short version, int correlationId) {
    ApiKeys apiKey = ApiKeys.forId(body.apiKey());
    RequestHeaderData header =
        new RequestHeaderData()
            .setRequestApiKey(apiKey.id)
            .setRequestApiVersion(version)
            .setClientId("test")
            .setCorrelationId(correlationId);
    ByteBuffer headerBytes =
        MessageUtil.toByteBufferAccessor(header, apiKey.requestHeaderVersion(version)).buffer();
    ByteBuffer bodyBytes = MessageUtil.toByteBufferAccessor(body, version).buffer();
    return Unpooled.buffer()
        .writeInt(headerBytes.remaining() + bodyBytes.remaining())
        .writeBytes(headerBytes)
        .writeBytes(bodyBytes);
  }

  private ByteBuffer readResponse() {
    ByteBuf all = Unpooled.buffer();
    Object part;
    while ((part = channel.readOutbound()) != null) {
      all.writeBytes((ByteBuf) part);
      ((ByteBuf) part).release();
    }
    int size = all.readInt();
    assertThat(all.readableBytes()).isEqualTo(size);
    return all.nioBuffer();
  }

  private static int correlationOf(ByteBuffer response, short metadataVersion) {
    return new ResponseHeaderData(
            new ByteBufferAccessor(response),
            ApiKeys.METADATA.responseHeaderVersion(metadataVersion))
        .correlationId();
  }
}
