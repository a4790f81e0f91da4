package dev.brook.broker.group;

import dev.brook.broker.group.GroupRecord.GroupMetadata;
import dev.brook.broker.group.GroupRecord.GroupMetadataValue;
import dev.brook.broker.group.GroupRecord.MemberValue;
import dev.brook.broker.group.GroupRecord.OffsetCommit;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.Record;
import org.apache.kafka.common.record.SimpleRecord;

/**
 * Brook's binary schema for group records in {@code __consumer_offsets} (big-endian).
 *
 * <pre>
 * key   := int16 keyType, then
 *   keyType 1 (offset commit):  string group, string topic, int32 partition
 *   keyType 2 (group metadata): string group
 * value := absent for a tombstone, else int16 valueVersion (0), then
 *   offset commit v0:  int64 offset, int32 leaderEpoch, string metadata,
 *                      int64 commitTimestampMs, int64 expireTimestampMs (-1: none)
 *   group metadata v0: nstring protocolType, int32 generation, nstring protocol,
 *                      nstring leader, int64 currentStateTimestampMs, int32 memberCount,
 *                      memberCount x (string memberId, nstring instanceId, string clientId,
 *                      string clientHost, int32 rebalanceTimeoutMs, int32 sessionTimeoutMs,
 *                      bytes subscription, bytes assignment)
 * string := int16 length + UTF-8; nstring: length -1 for null; bytes := int32 length + bytes
 * </pre>
 *
 * Key types other than 1 and 2 are skipped on replay so that later versions can add record types;
 * an unknown value version of a known key type is corruption and fails the load.
 */
final class GroupRecordSerde {
  static final short OFFSET_COMMIT_KEY = 1;
  static final short GROUP_METADATA_KEY = 2;
  static final short VALUE_VERSION = 0;

  private GroupRecordSerde() {}

  /** One uncompressed batch holding {@code records}, stamped with {@code timestampMs}. */
  static MemoryRecords batch(List<GroupRecord> records, long timestampMs) {
    SimpleRecord[] simple = new SimpleRecord[records.size()];
    for (int i = 0; i < simple.length; i++) {
      GroupRecord record = records.get(i);
      simple[i] = new SimpleRecord(timestampMs, key(record), value(record));
    }
    return MemoryRecords.withRecords(Compression.NONE, simple);
  }

  static byte[] key(GroupRecord record) {
    Writer out = new Writer();
    if (record instanceof OffsetCommit commit) {
      out.int16(OFFSET_COMMIT_KEY);
      out.string(commit.groupId());
      out.string(commit.topicPartition().topic());
      out.int32(commit.topicPartition().partition());
    } else {
      out.int16(GROUP_METADATA_KEY);
      out.string(record.groupId());
    }
    return out.toByteArray();
  }

  /** The value bytes, or null for a tombstone. */
  static byte[] value(GroupRecord record) {
    if (record instanceof OffsetCommit commit) {
      return commit.offset() == null ? null : offsetValue(commit.offset());
    }
    GroupMetadataValue value = ((GroupMetadata) record).value();
    return value == null ? null : groupValue(value);
  }

  private static byte[] offsetValue(CommittedOffset offset) {
    Writer out = new Writer();
    out.int16(VALUE_VERSION);
    out.int64(offset.offset());
    out.int32(offset.leaderEpoch());
    out.string(offset.metadata());
    out.int64(offset.commitTimestampMs());
    out.int64(offset.expireTimestampMs());
    return out.toByteArray();
  }

  private static byte[] groupValue(GroupMetadataValue value) {
    Writer out = new Writer();
    out.int16(VALUE_VERSION);
    out.string(value.protocolType());
    out.int32(value.generationId());
    out.string(value.protocolName());
    out.string(value.leaderId());
    out.int64(value.currentStateTimestampMs());
    out.int32(value.members().size());
    for (MemberValue member : value.members()) {
      out.string(member.memberId());
      out.string(member.groupInstanceId());
      out.string(member.clientId());
      out.string(member.clientHost());
      out.int32(member.rebalanceTimeoutMs());
      out.int32(member.sessionTimeoutMs());
      out.bytes(member.subscription());
      out.bytes(member.assignment());
    }
    return out.toByteArray();
  }

  /**
   * Decodes a replayed record; empty for key types this version does not know.
   *
   * @throws IllegalStateException when the record is malformed
   */
  static Optional<GroupRecord> decode(Record record) {
    if (!record.hasKey()) {
      throw new IllegalStateException("Group record without key at offset " + record.offset());
    }
    try {
      ByteBuffer key = record.key();
      short keyType = key.getShort();
      ByteBuffer value = record.hasValue() ? record.value() : null;
      return switch (keyType) {
        case OFFSET_COMMIT_KEY -> Optional.of(decodeOffsetCommit(key, value));
        case GROUP_METADATA_KEY ->
            Optional.of(new GroupMetadata(readString(key), decodeGroupValue(value)));
        default -> Optional.empty();
      };
    } catch (BufferUnderflowException | IllegalArgumentException e) {
      throw new IllegalStateException("Malformed group record at offset " + record.offset(), e);
    }
  }

  private static OffsetCommit decodeOffsetCommit(ByteBuffer key, ByteBuffer value) {
    String groupId = readString(key);
    TopicPartition topicPartition = new TopicPartition(readString(key), key.getInt());
    if (value == null) {
      return new OffsetCommit(groupId, topicPartition, null);
    }
    checkVersion(value.getShort());
    CommittedOffset offset =
        new CommittedOffset(
            value.getLong(), value.getInt(), readString(value), value.getLong(), value.getLong());
    return new OffsetCommit(groupId, topicPartition, offset);
  }

  private static GroupMetadataValue decodeGroupValue(ByteBuffer value) {
    if (value == null) {
      return null;
    }
    checkVersion(value.getShort());
    String protocolType = readString(value);
    int generation = value.getInt();
    String protocolName = readString(value);
    String leader = readString(value);
    long stateTimestampMs = value.getLong();
    int count = value.getInt();
    List<MemberValue> members = new ArrayList<>(Math.max(0, count));
    for (int i = 0; i < count; i++) {
      members.add(
          new MemberValue(
              readString(value),
              readString(value),
              readString(value),
              readString(value),
              value.getInt(),
              value.getInt(),
              readBytes(value),
              readBytes(value)));
    }
    return new GroupMetadataValue(
        protocolType, generation, protocolName, leader, stateTimestampMs, members);
  }

  private static void checkVersion(short version) {
    if (version != VALUE_VERSION) {
      throw new IllegalArgumentException("Unknown group record value version " + version);
    }
  }

  private static String readString(ByteBuffer buffer) {
    short length = buffer.getShort();
    if (length < 0) {
      return null;
    }
    byte[] bytes = new byte[length];
    buffer.get(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static byte[] readBytes(ByteBuffer buffer) {
    int length = buffer.getInt();
    if (length < 0) {
      throw new IllegalArgumentException("Negative byte array length " + length);
    }
    byte[] bytes = new byte[length];
    buffer.get(bytes);
    return bytes;
  }

  /** Big-endian writer over a growing array; strings are limited to Short.MAX_VALUE bytes. */
  private static final class Writer {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
    private final DataOutputStream out = new DataOutputStream(bytes);

    void int16(short value) {
      run(() -> out.writeShort(value));
    }

    void int32(int value) {
      run(() -> out.writeInt(value));
    }

    void int64(long value) {
      run(() -> out.writeLong(value));
    }

    void string(String value) {
      if (value == null) {
        int16((short) -1);
        return;
      }
      byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
      if (utf8.length > Short.MAX_VALUE) {
        throw new IllegalArgumentException("String longer than 32767 bytes in a group record");
      }
      int16((short) utf8.length);
      run(() -> out.write(utf8));
    }

    void bytes(byte[] value) {
      byte[] nonNull = value == null ? new byte[0] : value;
      int32(nonNull.length);
      run(() -> out.write(nonNull));
    }

    byte[] toByteArray() {
      return bytes.toByteArray();
    }

    private void run(IoAction action) {
      try {
        action.run();
      } catch (IOException e) {
        throw new UncheckedIOException("Writing to memory cannot fail", e);
      }
    }
  }

  @FunctionalInterface
  private interface IoAction {
    void run() throws IOException;
  }
}
