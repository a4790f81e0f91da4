package dev.brook.broker.network;

import io.netty.channel.FileRegion;
import io.netty.util.AbstractReferenceCounted;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;

/**
 * A byte range of a log segment file sent with {@link FileChannel#transferTo} (sendfile on Linux
 * with the NIO transport). Unlike Netty's {@code DefaultFileRegion} it never closes the channel:
 * the segment owns it, and segments are deleted only after {@code file.delete.delay.ms}, which
 * outlives any in-flight response.
 */
final class SegmentFileRegion extends AbstractReferenceCounted implements FileRegion {

  private final FileChannel channel;
  private final long position;
  private final long count;
  private long transferred;

  SegmentFileRegion(FileChannel channel, long position, long count) {
    this.channel = channel;
    this.position = position;
    this.count = count;
  }

  @Override
  public long position() {
    return position;
  }

  @Override
  @Deprecated
  public long transfered() {
    return transferred;
  }

  @Override
  public long transferred() {
    return transferred;
  }

  @Override
  public long count() {
    return count;
  }

  @Override
  public long transferTo(WritableByteChannel target, long offset) throws IOException {
    long remaining = count - offset;
    if (remaining <= 0) {
      return 0;
    }
    long written = channel.transferTo(position + offset, remaining, target);
    if (written == 0 && channel.size() < position + count) {
      throw new IOException("segment file shrank below the range being sent");
    }
    transferred += written;
    return written;
  }

  @Override
  public FileRegion retain() {
    super.retain();
    return this;
  }

  @Override
  public FileRegion retain(int increment) {
    super.retain(increment);
    return this;
  }

  @Override
  public FileRegion touch() {
    return this;
  }

  @Override
  public FileRegion touch(Object hint) {
    return this;
  }

  @Override
  protected void deallocate() {
    // The segment owns the channel.
  }
}
