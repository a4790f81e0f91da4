package dev.brook.broker.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brook.broker.group.GroupRecord.GroupMetadata;
import dev.brook.broker.group.GroupRecord.GroupMetadataValue;
import dev.brook.broker.group.GroupRecord.MemberValue;
import dev.brook.broker.group.GroupRecord.OffsetCommit;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.Record;
import org.apache.kafka.common.record.SimpleRecord;
import org.junit.jupiter.api.Test;

class GroupRecordSerdeTest {

  private static List<GroupRecord> roundTrip(List<GroupRecord> records) {
    MemoryRecords batch = GroupRecordSerde.batch(records, 123L);
    List<GroupRecord> decoded = new ArrayList<>();
    for (Record record : batch.records()) {
      assertThat(record.timestamp()).isEqualTo(123L);
      decoded.add(GroupRecordSerde.decode(record).orElseThrow());
    }
    return decoded;
  }

  @Test
  void shouldRoundTripOffsetCommitsAndTombstones() {
    TopicPartition tp = new TopicPartition("tópico", 7);
    OffsetCommit commit =
        new OffsetCommit("g", tp, new CommittedOffset(99L, 4, "m", 1_000L, 2_000L));
    OffsetCommit tombstone = new OffsetCommit("g", tp, null);

    List<GroupRecord> decoded = roundTrip(List.of(commit, tombstone));

    assertThat(decoded.get(0)).isEqualTo(commit);
    assertThat(decoded.get(1)).isEqualTo(tombstone);
  }

  @Test
  void shouldRoundTripGroupMetadataWithMembers() {
    MemberValue member =
        new MemberValue(
            "m-1", "i-1", "client", "/10.0.0.1", 30_000, 10_000, new byte[] {1, 2}, new byte[] {3});
    GroupMetadata metadata =
        new GroupMetadata(
            "g", new GroupMetadataValue("consumer", 5, "range", "m-1", 77L, List.of(member)));

    GroupMetadata decoded = (GroupMetadata) roundTrip(List.of(metadata)).get(0);

    GroupMetadataValue value = decoded.value();
    assertThat(value.protocolType()).isEqualTo("consumer");
    assertThat(value.generationId()).isEqualTo(5);
    assertThat(value.protocolName()).isEqualTo("range");
    assertThat(value.leaderId()).isEqualTo("m-1");
    assertThat(value.currentStateTimestampMs()).isEqualTo(77L);
    MemberValue restored = value.members().get(0);
    assertThat(restored.memberId()).isEqualTo("m-1");
    assertThat(restored.groupInstanceId()).isEqualTo("i-1");
    assertThat(restored.clientHost()).isEqualTo("/10.0.0.1");
    assertThat(restored.rebalanceTimeoutMs()).isEqualTo(30_000);
    assertThat(restored.sessionTimeoutMs()).isEqualTo(10_000);
    assertThat(restored.subscription()).containsExactly(1, 2);
    assertThat(restored.assignment()).containsExactly(3);
  }

  @Test
  void shouldRoundTripEmptyGroupWithNullProtocol() {
    GroupMetadata empty =
        new GroupMetadata("g", new GroupMetadataValue("consumer", 2, null, null, 5L, List.of()));

    GroupMetadata decoded = (GroupMetadata) roundTrip(List.of(empty)).get(0);

    assertThat(decoded.value().protocolName()).isNull();
    assertThat(decoded.value().leaderId()).isNull();
    assertThat(decoded.value().members()).isEmpty();
  }

  @Test
  void shouldSkipUnknownKeyTypesAndRejectMalformedValues() {
    MemoryRecords unknown =
        MemoryRecords.withRecords(
            Compression.NONE, new SimpleRecord(1L, new byte[] {0, 9, 1}, new byte[] {0}));
    assertThat(GroupRecordSerde.decode(unknown.records().iterator().next())).isEmpty();

    byte[] key = GroupRecordSerde.key(new GroupMetadata("g", null));
    MemoryRecords malformed =
        MemoryRecords.withRecords(
            Compression.NONE, new SimpleRecord(1L, key, new byte[] {0, 0, 1}));
    assertThatThrownBy(() -> GroupRecordSerde.decode(malformed.records().iterator().next()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Malformed group record");
  }
}
