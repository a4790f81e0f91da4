package dev.brook.broker.network;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Splits the inbound byte stream into Kafka request frames: a big-endian int32 size followed by
 * that many bytes. Emits each frame as a heap {@link ByteBuffer} that it owns, so that records
 * decoded from it may outlive the Netty buffer (appends complete asynchronously).
 *
 * <p>A size above {@code maxFrameBytes} or below zero fails with {@link FrameTooLargeException}
 * before any of the body is buffered, so an oversize request cannot exhaust memory.
 */
public final class FrameDecoder extends ByteToMessageDecoder {

  static final int SIZE_PREFIX_BYTES = 4;

  private final int maxFrameBytes;

  public FrameDecoder(int maxFrameBytes) {
    this.maxFrameBytes = maxFrameBytes;
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    if (in.readableBytes() < SIZE_PREFIX_BYTES) {
      return;
    }
    int frameBytes = in.getInt(in.readerIndex());
    if (frameBytes < 0 || frameBytes > maxFrameBytes) {
      in.skipBytes(in.readableBytes());
      throw new FrameTooLargeException(frameBytes, maxFrameBytes);
    }
    if (in.readableBytes() < SIZE_PREFIX_BYTES + frameBytes) {
      return;
    }
    in.skipBytes(SIZE_PREFIX_BYTES);
    ByteBuffer frame = ByteBuffer.allocate(frameBytes);
    in.readBytes(frame);
    frame.flip();
    out.add(frame);
  }
}
