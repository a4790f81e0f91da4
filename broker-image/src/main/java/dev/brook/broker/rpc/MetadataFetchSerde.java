package dev.brook.broker.rpc;

import dev.brook.broker.metadata.record.JournalEntry;
import dev.brook.broker.rpc.ControllerRpc.CommittedEntry;
import dev.brook.broker.rpc.ControllerRpc.FetchMetadata;
import dev.brook.broker.rpc.ControllerRpc.ImageRecords;
import dev.brook.broker.rpc.ControllerRpc.MetadataFetched;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.protocol.Errors;

/**
 * The fields of {@link FetchMetadata} and {@link MetadataFetched}, after the common header that
 * {@link ControllerRpcSerde} writes; record lists use the {@link JournalEntry} layout.
 *
 * <pre>
 * fetch-metadata := brokerId:int32 afterOffset:int64
 * reply          := controllerId:int32 lastOffset:int64 hasImage:bool [imageOffset:int64 entry]
 *                   count:int32 (entryOffset:int64 entry)*
 * </pre>
 */
final class MetadataFetchSerde {

  private MetadataFetchSerde() {}

  static void writeRequest(DataOutputStream out, FetchMetadata request) throws IOException {
    out.writeInt(request.brokerId());
    out.writeLong(request.afterOffset());
  }

  static FetchMetadata readRequest(DataInputStream in) throws IOException {
    return new FetchMetadata(in.readInt(), in.readLong());
  }

  static void writeReply(DataOutputStream out, MetadataFetched reply) throws IOException {
    out.writeInt(reply.controllerId());
    out.writeLong(reply.lastOffset());
    out.writeBoolean(reply.image().isPresent());
    if (reply.image().isPresent()) {
      out.writeLong(reply.image().get().offset());
      JournalEntry.write(reply.image().get().records(), out);
    }
    out.writeInt(reply.entries().size());
    for (CommittedEntry entry : reply.entries()) {
      out.writeLong(entry.lastOffset());
      JournalEntry.write(entry.records(), out);
    }
  }

  static MetadataFetched readReply(DataInputStream in, Errors error) throws IOException {
    int controllerId = in.readInt();
    long lastOffset = in.readLong();
    Optional<ImageRecords> image =
        in.readBoolean()
            ? Optional.of(new ImageRecords(in.readLong(), JournalEntry.decode(in)))
            : Optional.empty();
    int count = in.readInt();
    List<CommittedEntry> entries = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      entries.add(new CommittedEntry(in.readLong(), JournalEntry.decode(in)));
    }
    return new MetadataFetched(error, controllerId, lastOffset, image, entries);
  }
}
