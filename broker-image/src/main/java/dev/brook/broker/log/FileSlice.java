package dev.brook.broker.log;

import java.nio.channels.FileChannel;
import org.apache.kafka.common.record.FileRecords;

/**
 * Whole batches read from a segment: the {@link FileRecords} slice and where it starts in the
 * segment file, so that the network layer can send it with zero copy (e.g. a Netty {@code
 * DefaultFileRegion} over {@link #channel()} from {@link #position()} for {@link #sizeInBytes()}
 * bytes). The channel stays open while the segment exists and for file.delete.delay.ms after it is
 * deleted; a send must not close it.
 */
public record FileSlice(FileRecords records, int position) {

  public FileChannel channel() {
    return records.channel();
  }

  public int sizeInBytes() {
    return records.sizeInBytes();
  }
}
