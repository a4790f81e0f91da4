package dev.brook.broker.network;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.timeout.IdleStateEvent;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Queue;
import org.apache.kafka.common.protocol.ApiMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one client connection: decodes frames into requests and processes them strictly one at a
 * time, in arrival order. Kafka clients match responses to requests by order, and a producer's
 * pipelined batches for one partition must be appended in the order sent, so request N+1 is not
 * dispatched before request N's response is written. While requests queue up, reading from the
 * socket pauses (back-pressure).
 *
 * <p>All state is confined to the channel's event loop.
 */
final class ConnectionHandler extends ChannelInboundHandlerAdapter {

  private static final Logger log = LoggerFactory.getLogger(ConnectionHandler.class);
  private static final int MAX_QUEUED_REQUESTS = 32;

  private final RequestParser parser;
  private final RequestDispatcher dispatcher;
  private final String listenerName;
  private final Queue<Request> queued = new ArrayDeque<>();
  private boolean inFlight;
  private InetAddress clientAddress;

  ConnectionHandler(RequestParser parser, RequestDispatcher dispatcher, String listenerName) {
    this.parser = parser;
    this.dispatcher = dispatcher;
    this.listenerName = listenerName;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    if (ctx.channel().remoteAddress() instanceof InetSocketAddress remote) {
      clientAddress = remote.getAddress();
    }
    ctx.fireChannelActive();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    Request request = parser.parse((ByteBuffer) msg, listenerName, clientAddress);
    queued.add(request);
    if (queued.size() >= MAX_QUEUED_REQUESTS) {
      ctx.channel().config().setAutoRead(false);
    }
    processNext(ctx);
  }

  /**
   * Requests already read are processed even after the client disconnected (their responses are
   * dropped): an acks=0 producer closes right after its last write and expects the data kept.
   */
  private void processNext(ChannelHandlerContext ctx) {
    if (inFlight) {
      return;
    }
    Request request = queued.poll();
    if (request == null) {
      ctx.channel().config().setAutoRead(true);
      return;
    }
    inFlight = true;
    dispatchSafely(request)
        .whenComplete(
            (response, error) ->
                ctx.executor().execute(() -> complete(ctx, request, response, error)));
  }

  private java.util.concurrent.CompletableFuture<ApiMessage> dispatchSafely(Request request) {
    try {
      return dispatcher.dispatch(request);
    } catch (RuntimeException e) {
      return java.util.concurrent.CompletableFuture.failedFuture(e);
    }
  }

  private void complete(
      ChannelHandlerContext ctx, Request request, ApiMessage response, Throwable error) {
    inFlight = false;
    ApiMessage body = response;
    Throwable cause =
        error instanceof java.util.concurrent.CompletionException && error.getCause() != null
            ? error.getCause()
            : error;
    if (cause instanceof UnansweredRequestFailedException) {
      log.info("closing connection from {}: {}", clientAddress, cause.getMessage());
      ctx.close();
      return;
    }
    if (error != null) {
      log.error(
          "{} from {} failed; answering with an error response", request, clientAddress, error);
      body = dispatcher.errorResponse(request, error);
    }
    if (body != null && ctx.channel().isActive()) {
      // An ApiVersions request we cannot parse is answered at v0, the version every client reads.
      short responseVersion = request.hasUnsupportedVersion() ? 0 : request.apiVersion();
      for (Object part :
          ResponseEncoder.encode(
              ctx.alloc(), request.correlationId(), request.apiKey(), responseVersion, body)) {
        ctx.write(part);
      }
      ctx.flush();
    }
    processNext(ctx);
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
    if (event instanceof IdleStateEvent) {
      log.debug("closing idle connection from {}", clientAddress);
      ctx.close();
    } else {
      ctx.fireUserEventTriggered(event);
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    Throwable reason =
        cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
    if (reason instanceof InvalidFrameException) {
      log.warn("closing connection from {}: {}", clientAddress, describe(reason));
    } else if (reason instanceof java.io.IOException) {
      log.debug("connection from {} failed: {}", clientAddress, reason.toString());
    } else {
      log.error("closing connection from {} after an unexpected error", clientAddress, reason);
    }
    ctx.close();
  }

  private static String describe(Throwable reason) {
    return reason.getCause() == null
        ? reason.getMessage()
        : reason.getMessage() + " (" + reason.getCause().getMessage() + ")";
  }
}
