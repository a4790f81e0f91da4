package dev.brook.broker.log;

import java.nio.channels.FileChannel;
import org.apache.kafka.common.record.FileRecords;

/**
 * Whole batches read from a segment: the {@link FileRecords} slice and where it starts in the
 * segment file, so that the network layer can send {@link #sizeInBytes()} bytes of {@link
 * #channel()} from {@link #position()} with zero copy.
 *
 * <p>The channel is shared by every reader of the segment and stays open while the segment exists
 * and for file.delete.delay.ms after it is deleted: a send must never close it. Netty's {@code
 * DefaultFileRegion} closes its channel when released, so use a region that does not, or call
 * {@link FileChannel#transferTo} directly.
 */
public record FileSlice(FileRecords records, int position) {

  public FileChannel channel() {
    return records.channel();
  }

  public int sizeInBytes() {
    return records.sizeInBytes();
  }
}
