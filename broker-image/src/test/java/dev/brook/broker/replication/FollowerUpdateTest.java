package dev.brook.broker.replication;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brook.broker.log.Log;
import dev.brook.broker.log.LogConfig;
import dev.brook.broker.log.ManualTime;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.message.FetchResponseData.PartitionData;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.RecordBatch;
import org.apache.kafka.common.record.Records;
import org.apache.kafka.common.record.SimpleRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FollowerUpdateTest {

  private static final long NOW = 1_700_000_000_000L;
  private static final TopicPartition TP = new TopicPartition("t", 0);
  private static final int LEADER_ID = 1;

  @TempDir Path dir;
  private Log leader;
  private Log follower;

  @BeforeEach
  void openLogs() throws Exception {
    Uuid topicId = Uuid.randomUuid();
    leader =
        Log.open(
            dir.resolve("leader"), TP, topicId, LogConfig.defaults(), new ManualTime(NOW), true);
    follower =
        Log.open(
            dir.resolve("follower"), TP, topicId, LogConfig.defaults(), new ManualTime(NOW), true);
  }

  @AfterEach
  void closeLogs() throws Exception {
    leader.close();
    follower.close();
  }

  /**
   * DeleteRecords on the leader of a replicated topic: the follower learns the records, the
   * leader's high watermark and its raised log start in one answer, while its own high watermark is
   * still 0. It used to move the log start first and fail the whole fetch, for good.
   */
  @Test
  void shouldRaiseHighWatermarkBeforeLogStartWhenLeaderDeletedRecords() {
    for (int i = 0; i < 10; i++) {
      leader.appendAsLeader(batch("v" + i), 0);
    }
    MemoryRecords fetched = copy(leader.read(0, 1 << 20, leader.logEndOffset(), true).records());
    leader.updateHighWatermark(10);
    assertThat(leader.maybeIncrementLogStartOffset(4)).isTrue();

    PartitionData answer =
        new PartitionData()
            .setPartitionIndex(0)
            .setHighWatermark(leader.highWatermark())
            .setLogStartOffset(leader.logStartOffset())
            .setRecords(fetched);

    assertThat(FollowerUpdate.apply(TP, LEADER_ID, follower, answer)).isTrue();

    assertThat(follower.logEndOffset()).isEqualTo(10);
    assertThat(follower.highWatermark()).isEqualTo(10);
    assertThat(follower.logStartOffset()).isEqualTo(4);
  }

  @Test
  void shouldKeepLogStartWhenFollowerHighWatermarkIsBelowLeaderLogStart() {
    for (int i = 0; i < 10; i++) {
      leader.appendAsLeader(batch("v" + i), 0);
    }
    // The follower has fetched only the first 3 records; the leader's answer says HW 10, start 4.
    PartitionData firstRecords =
        new PartitionData()
            .setHighWatermark(0)
            .setLogStartOffset(0)
            .setRecords(copy(leader.read(0, 1 << 20, 3, true).records()));
    assertThat(FollowerUpdate.apply(TP, LEADER_ID, follower, firstRecords)).isTrue();
    assertThat(follower.logEndOffset()).isEqualTo(3);

    PartitionData noRecords =
        new PartitionData()
            .setHighWatermark(10)
            .setLogStartOffset(4)
            .setRecords(MemoryRecords.EMPTY);
    assertThat(FollowerUpdate.apply(TP, LEADER_ID, follower, noRecords)).isTrue();

    assertThat(follower.highWatermark()).isEqualTo(3);
    assertThat(follower.logStartOffset()).isZero();
  }

  private static MemoryRecords batch(String value) {
    return MemoryRecords.withRecords(
        RecordBatch.CURRENT_MAGIC_VALUE,
        0L,
        Compression.NONE,
        org.apache.kafka.common.record.TimestampType.CREATE_TIME,
        new SimpleRecord(NOW, value.getBytes(StandardCharsets.UTF_8)));
  }

  /** The fetched slice as the MemoryRecords a Fetch response decodes to. */
  private static MemoryRecords copy(Records records) {
    ByteBuffer buffer = ByteBuffer.allocate(records.sizeInBytes());
    records.batches().forEach(b -> b.writeTo(buffer));
    buffer.flip();
    return MemoryRecords.readableRecords(buffer);
  }
}
