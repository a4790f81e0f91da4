package dev.brook.broker.network;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.timeout.IdleStateEvent;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
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

  private CompletableFuture<ApiMessage> dispatchSafely(Request request) {
    try {
      return dispatcher.dispatch(request);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /**
   * Answers {@code request}, then moves on to the next one. Every way this can go wrong ends in an
   * answer or a closed connection: a failed handler is answered with the error response of its API,
   * as is a response that cannot be encoded at the request's version; when not even an error
   * response can be written, the connection is closed, which the client notices at once.
   */
  private void complete(
      ChannelHandlerContext ctx, Request request, ApiMessage response, Throwable error) {
    inFlight = false;
    Throwable cause = unwrap(error);
    if (cause instanceof UnansweredRequestFailedException) {
      log.info("closing connection from {}: {}", clientAddress, cause.getMessage());
      ctx.close();
      return;
    }
    ApiMessage body = response;
    if (cause != null) {
      log.error(
          "{} from {} failed; answering with an error response", request, clientAddress, cause);
      body = errorResponseOrNull(ctx, request, cause);
      if (body == null) {
        return;
      }
    }
    if (body != null && ctx.channel().isActive() && !respond(ctx, request, body, cause == null)) {
      return;
    }
    processNext(ctx);
  }

  /**
   * Writes {@code body}; a body that cannot be encoded is replaced by the API's error response once
   * ({@code mayFallBack}), and an error response that cannot be encoded closes the connection.
   */
  private boolean respond(
      ChannelHandlerContext ctx, Request request, ApiMessage body, boolean mayFallBack) {
    try {
      write(ctx, request, body);
      return true;
    } catch (ResponseEncodingException encodingFailure) {
      if (!mayFallBack) {
        closeUnanswered(ctx, request, encodingFailure);
        return false;
      }
      log.error(
          "{} from {}: answering with an error response", request, clientAddress, encodingFailure);
      ApiMessage errorBody = errorResponseOrNull(ctx, request, encodingFailure);
      return errorBody != null && respond(ctx, request, errorBody, false);
    }
  }

  /** The API's error response, or null after closing the connection when none can be built. */
  private ApiMessage errorResponseOrNull(
      ChannelHandlerContext ctx, Request request, Throwable cause) {
    try {
      return dispatcher.errorResponse(request, cause);
    } catch (RuntimeException e) {
      e.addSuppressed(cause);
      closeUnanswered(ctx, request, e);
      return null;
    }
  }

  private void closeUnanswered(ChannelHandlerContext ctx, Request request, Throwable cause) {
    log.error(
        "closing connection from {}: no response of {} can be written ({})",
        clientAddress,
        request,
        cause.toString(),
        cause);
    ctx.close();
  }

  private static void write(ChannelHandlerContext ctx, Request request, ApiMessage body) {
    // An ApiVersions request we cannot parse is answered at v0, the version every client reads.
    short responseVersion = request.hasUnsupportedVersion() ? 0 : request.apiVersion();
    List<Object> parts =
        ResponseEncoder.encode(
            ctx.alloc(), request.correlationId(), request.apiKey(), responseVersion, body);
    for (Object part : parts) {
      ctx.write(part);
    }
    ctx.flush();
  }

  private static Throwable unwrap(Throwable error) {
    return error instanceof CompletionException && error.getCause() != null
        ? error.getCause()
        : error;
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
