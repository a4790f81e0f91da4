package dev.brook.broker.log;

import static dev.brook.broker.log.TestRecords.batch;
import static org.assertj.core.api.Assertions.assertThat;

import dev.brook.broker.log.LeaderEpochCache.EpochEndOffset;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.Records;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeaderEpochCacheTest {

  static final long NOW = 1_700_000_000_000L;

  @TempDir Path dir;

  @Test
  void shouldAnswerEndOffsetsPerEpochLikeKafka() {
    LeaderEpochCache cache = new LeaderEpochCache(dir);
    cache.assign(2, 0);
    cache.assign(4, 10);
    cache.assign(7, 25);

    assertThat(cache.endOffsetFor(7, 40)).isEqualTo(new EpochEndOffset(7, 40));
    assertThat(cache.endOffsetFor(4, 40)).isEqualTo(new EpochEndOffset(4, 25));
    assertThat(cache.endOffsetFor(5, 40)).isEqualTo(new EpochEndOffset(4, 25));
    assertThat(cache.endOffsetFor(1, 40)).isEqualTo(new EpochEndOffset(1, 0));
    assertThat(cache.endOffsetFor(9, 40)).isEqualTo(EpochEndOffset.UNDEFINED);
  }

  @Test
  void shouldAnswerTheEpochHoldingAnOffsetWhenListOffsetsAsksForTheLogStart() {
    LeaderEpochCache cache = new LeaderEpochCache(dir);
    assertThat(cache.epochForOffset(0)).isEmpty();
    cache.assign(0, 0);
    assertThat(cache.epochForOffset(0)).hasValue(0);
    cache.assign(3, 10);
    cache.assign(5, 12);

    assertThat(cache.epochForOffset(9)).hasValue(0);
    assertThat(cache.epochForOffset(10)).hasValue(3);
    assertThat(cache.epochForOffset(11)).hasValue(3);
    assertThat(cache.epochForOffset(40)).hasValue(5);
    cache.truncateFromStart(11);
    assertThat(cache.epochForOffset(10)).isEmpty();
    assertThat(cache.epochForOffset(11)).hasValue(3);
  }

  @Test
  void shouldPersistEpochsWhenReopened() {
    LeaderEpochCache cache = new LeaderEpochCache(dir);
    cache.assign(1, 0);
    cache.assign(3, 5);
    cache.truncateFromStart(2);

    assertThat(new LeaderEpochCache(dir).entries()).isEqualTo(Map.of(1, 2L, 3, 5L));
  }

  @Test
  void shouldDropConflictingEntriesWhenAnEarlierOffsetIsAssigned() {
    LeaderEpochCache cache = new LeaderEpochCache(dir);
    cache.assign(1, 0);
    cache.assign(2, 10);
    cache.assign(3, 8);

    assertThat(cache.entries()).isEqualTo(Map.of(1, 0L, 3, 8L));
    cache.truncateFromEnd(8);
    assertThat(cache.entries()).isEqualTo(Map.of(1, 0L));
  }

  @Test
  void shouldTruncateLogAndEpochsWhenFollowerDiverged() throws Exception {
    Log log =
        Log.open(
            dir.resolve("t-0"),
            new TopicPartition("t", 0),
            Uuid.randomUuid(),
            LogConfig.defaults(),
            new ManualTime(NOW),
            true);
    log.appendAsLeader(batch(NOW, "a", "b"), 1);
    log.appendAsLeader(batch(NOW, "c"), 2);
    log.appendAsLeader(batch(NOW, "d"), 3);

    assertThat(log.endOffsetForEpoch(2)).isEqualTo(new EpochEndOffset(2, 3));
    assertThat(log.truncateTo(2)).isTrue();

    assertThat(log.logEndOffset()).isEqualTo(2);
    assertThat(log.leaderEpochCache().entries()).isEqualTo(Map.of(1, 0L));
    Records left = log.read(0, 1000, 2, false).records();
    assertThat(LogTest.values(left)).containsExactly("0:a", "1:b");
    log.close();
  }

  @Test
  void shouldKeepLeaderOffsetsWhenAppendingAsFollower() throws Exception {
    Log leader =
        Log.open(
            dir.resolve("l-0"),
            new TopicPartition("l", 0),
            Uuid.randomUuid(),
            LogConfig.defaults(),
            new ManualTime(NOW),
            true);
    Log follower =
        Log.open(
            dir.resolve("f-0"),
            new TopicPartition("l", 0),
            Uuid.randomUuid(),
            LogConfig.defaults(),
            new ManualTime(NOW),
            true);
    leader.appendAsLeader(batch(NOW, "a", "b"), 5);
    leader.appendAsLeader(batch(NOW, "c"), 6);
    Records fetched = leader.read(0, 1 << 20, leader.logEndOffset(), false).records();
    java.nio.ByteBuffer copy = java.nio.ByteBuffer.allocate(fetched.sizeInBytes());
    for (var b : fetched.batches()) {
      b.writeTo(copy);
    }
    copy.flip();

    LogAppendInfo info = follower.appendAsFollower(MemoryRecords.readableRecords(copy));

    assertThat(info.firstOffset()).isZero();
    assertThat(info.lastOffset()).isEqualTo(2);
    assertThat(follower.logEndOffset()).isEqualTo(3);
    assertThat(follower.leaderEpochCache().entries()).isEqualTo(Map.of(5, 0L, 6, 2L));
    leader.close();
    follower.close();
  }

  @Test
  void shouldRejectFollowerAppendBelowTheEndOffset() throws Exception {
    Log follower =
        Log.open(
            dir.resolve("g-0"),
            new TopicPartition("g", 0),
            Uuid.randomUuid(),
            LogConfig.defaults(),
            new ManualTime(NOW),
            true);
    follower.appendAsFollower(
        MemoryRecords.withRecords(
            5L,
            org.apache.kafka.common.compress.Compression.NONE,
            TestRecords.records(NOW, "a", "b")));

    assertThat(follower.logEndOffset()).isEqualTo(7);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                follower.appendAsFollower(
                    MemoryRecords.withRecords(
                        6L,
                        org.apache.kafka.common.compress.Compression.NONE,
                        TestRecords.records(NOW, "x"))))
        .isInstanceOf(UnexpectedAppendOffsetException.class);
    follower.close();
  }
}
