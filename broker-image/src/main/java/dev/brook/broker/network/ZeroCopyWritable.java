package dev.brook.broker.network;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.network.TransferableChannel;
import org.apache.kafka.common.protocol.Writable;
import org.apache.kafka.common.record.BaseRecords;
import org.apache.kafka.common.record.FileRecords;

/**
 * A {@link Writable} that serializes a response into a sequence of Netty messages: heap bytes for
 * the message fields and a {@link SegmentFileRegion} for every {@link FileRecords} it meets, so
 * that fetched log data goes from the page cache to the socket without passing through the heap.
 *
 * <p>Not thread-safe; one instance per response. {@link #finish()} hands over ownership of the
 * produced parts.
 */
final class ZeroCopyWritable implements Writable {

  private final ByteBuf buffer;
  private final ByteBufOutputStream varintOutput;
  private final List<Object> parts = new ArrayList<>();
  private int flushedIndex;

  ZeroCopyWritable(ByteBuf buffer) {
    this.buffer = buffer;
    this.varintOutput = new ByteBufOutputStream(buffer);
  }

  @Override
  public void writeByte(byte val) {
    buffer.writeByte(val);
  }

  @Override
  public void writeShort(short val) {
    buffer.writeShort(val);
  }

  @Override
  public void writeInt(int val) {
    buffer.writeInt(val);
  }

  @Override
  public void writeLong(long val) {
    buffer.writeLong(val);
  }

  @Override
  public void writeDouble(double val) {
    buffer.writeDouble(val);
  }

  @Override
  public void writeByteArray(byte[] arr) {
    buffer.writeBytes(arr);
  }

  @Override
  public void writeByteBuffer(ByteBuffer src) {
    buffer.writeBytes(src.duplicate());
  }

  @Override
  public void writeUnsignedVarint(int i) {
    try {
      org.apache.kafka.common.utils.ByteUtils.writeUnsignedVarint(i, varintOutput);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void writeVarint(int i) {
    try {
      org.apache.kafka.common.utils.ByteUtils.writeVarint(i, varintOutput);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void writeVarlong(long i) {
    try {
      org.apache.kafka.common.utils.ByteUtils.writeVarlong(i, varintOutput);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void writeRecords(BaseRecords records) {
    if (records instanceof FileRecords fileRecords) {
      flushBytes();
      parts.add(regionOf(fileRecords));
    } else {
      Writable.super.writeRecords(records);
    }
  }

  /** The response as Netty messages, in order; releases this writer's hold on the buffer. */
  List<Object> finish() {
    flushBytes();
    buffer.release();
    return parts;
  }

  /** Releases everything written so far, for a response that could not be serialized whole. */
  void abandon() {
    parts.forEach(io.netty.util.ReferenceCountUtil::release);
    parts.clear();
    buffer.release();
  }

  private void flushBytes() {
    int end = buffer.writerIndex();
    if (end > flushedIndex) {
      parts.add(buffer.retainedSlice(flushedIndex, end - flushedIndex));
      flushedIndex = end;
    }
  }

  /** Learns the slice's file position by letting FileRecords "transfer" into a recorder. */
  private static SegmentFileRegion regionOf(FileRecords records) {
    RegionRecorder recorder = new RegionRecorder();
    try {
      records.writeTo(recorder, 0, records.sizeInBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new SegmentFileRegion(recorder.channel, recorder.position, recorder.count);
  }

  private static final class RegionRecorder implements TransferableChannel {
    private FileChannel channel;
    private long position;
    private long count;

    @Override
    public long transferFrom(FileChannel fileChannel, long position, long count) {
      this.channel = fileChannel;
      this.position = position;
      this.count = count;
      return count;
    }

    @Override
    public boolean hasPendingWrites() {
      return false;
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) {
      throw new UnsupportedOperationException("only file transfers are recorded");
    }

    @Override
    public long write(ByteBuffer[] srcs) {
      throw new UnsupportedOperationException("only file transfers are recorded");
    }

    @Override
    public int write(ByteBuffer src) {
      throw new UnsupportedOperationException("only file transfers are recorded");
    }

    @Override
    public boolean isOpen() {
      return true;
    }

    @Override
    public void close() {}
  }
}
