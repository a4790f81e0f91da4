package dev.brook.broker.metadata.record;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The records of one controller operation, as one Raft log entry (so they commit all or nothing),
 * and the same layout for the record list of a snapshot.
 *
 * <pre>
 * entry := version:int8 (=0) count:int32 (length:int32 record-bytes)*
 * </pre>
 *
 * An entry with no records is a leadership barrier: it changes nothing, and once it is applied the
 * new leader knows it has applied everything committed before.
 */
public final class JournalEntry {

  private static final byte VERSION = 0;

  private JournalEntry() {}

  public static byte[] encode(List<MetadataRecord> records) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * (records.size() + 1));
    try {
      write(records, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  public static void write(List<MetadataRecord> records, OutputStream target) throws IOException {
    DataOutputStream out = new DataOutputStream(target);
    out.writeByte(VERSION);
    out.writeInt(records.size());
    for (MetadataRecord record : records) {
      byte[] encoded = MetadataRecordSerde.serialize(record);
      out.writeInt(encoded.length);
      out.write(encoded);
    }
    out.flush();
  }

  public static List<MetadataRecord> decode(InputStream source) throws IOException {
    DataInputStream in = new DataInputStream(source);
    byte version = in.readByte();
    if (version != VERSION) {
      throw new IOException("metadata journal entry has unknown version " + version);
    }
    int count = in.readInt();
    List<MetadataRecord> records = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      records.add(MetadataRecordSerde.deserialize(in.readNBytes(in.readInt())));
    }
    return records;
  }
}
