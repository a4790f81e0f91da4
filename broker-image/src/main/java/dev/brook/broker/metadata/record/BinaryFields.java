package dev.brook.broker.metadata.record;

import dev.brook.broker.config.Listener;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.Uuid;

/**
 * Field encodings shared by the metadata log records and the controller RPCs, all big-endian:
 *
 * <pre>
 * string := length:int32 utf8-bytes            (length -1 = null)
 * ints   := count:int32 int32*
 * map    := count:int32 (key:string value:string)*   (keys sorted, so equal maps encode equally)
 * uuid   := most:int64 least:int64
 * </pre>
 */
public final class BinaryFields {

  private BinaryFields() {}

  public static void writeString(DataOutputStream out, String value) throws IOException {
    if (value == null) {
      out.writeInt(-1);
      return;
    }
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    out.writeInt(utf8.length);
    out.write(utf8);
  }

  public static String readString(DataInputStream in) throws IOException {
    int length = in.readInt();
    if (length < 0) {
      return null;
    }
    return new String(in.readNBytes(length), StandardCharsets.UTF_8);
  }

  public static void writeUuid(DataOutputStream out, Uuid id) throws IOException {
    out.writeLong(id.getMostSignificantBits());
    out.writeLong(id.getLeastSignificantBits());
  }

  public static Uuid readUuid(DataInputStream in) throws IOException {
    return new Uuid(in.readLong(), in.readLong());
  }

  public static void writeInts(DataOutputStream out, List<Integer> values) throws IOException {
    out.writeInt(values.size());
    for (int value : values) {
      out.writeInt(value);
    }
  }

  public static List<Integer> readInts(DataInputStream in) throws IOException {
    int count = in.readInt();
    List<Integer> values = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      values.add(in.readInt());
    }
    return values;
  }

  public static void writeMap(DataOutputStream out, Map<String, String> map) throws IOException {
    Map<String, String> sorted = new TreeMap<>(map);
    out.writeInt(sorted.size());
    for (Map.Entry<String, String> entry : sorted.entrySet()) {
      writeString(out, entry.getKey());
      writeString(out, entry.getValue());
    }
  }

  public static Map<String, String> readMap(DataInputStream in) throws IOException {
    int count = in.readInt();
    Map<String, String> map = new TreeMap<>();
    for (int i = 0; i < count; i++) {
      map.put(readString(in), readString(in));
    }
    return map;
  }

  /** endpoints := count:int32 (name:string host:string port:int32)* */
  public static void writeListeners(DataOutputStream out, List<Listener> listeners)
      throws IOException {
    out.writeInt(listeners.size());
    for (Listener listener : listeners) {
      writeString(out, listener.name());
      writeString(out, listener.host());
      out.writeInt(listener.port());
    }
  }

  public static List<Listener> readListeners(DataInputStream in) throws IOException {
    int count = in.readInt();
    List<Listener> listeners = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      listeners.add(new Listener(readString(in), readString(in), in.readInt()));
    }
    return listeners;
  }
}
