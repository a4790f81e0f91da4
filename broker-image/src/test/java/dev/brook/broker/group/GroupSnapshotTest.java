package dev.brook.broker.group;

import static dev.brook.broker.group.GroupFixture.commitRequest;
import static dev.brook.broker.group.GroupFixture.context;
import static dev.brook.broker.group.GroupFixture.done;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.DeleteGroupsRequestData;
import org.apache.kafka.common.message.DescribeGroupsRequestData;
import org.apache.kafka.common.message.JoinGroupResponseData;
import org.apache.kafka.common.message.OffsetCommitResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.Test;

class GroupSnapshotTest {

  private static GroupFixture fixture() {
    return new GroupFixture(
        GroupCoordinatorConfig.defaults()
            .withOffsetsTopicPartitions(GroupFixture.PARTITIONS)
            .withInitialRebalanceDelayMs(0)
            .withOffsetsSnapshotMinRecords(10),
        new InMemoryOffsetsLog());
  }

  private static void snapshotAll(GroupFixture f) {
    for (int p = 0; p < GroupFixture.PARTITIONS; p++) {
      f.coordinator.snapshot(p);
    }
    f.scheduler.runDue();
  }

  private static String state(GroupFixture f, String groupId) {
    return f.coordinator
        .describeGroups(
            context((short) 5), new DescribeGroupsRequestData().setGroups(List.of(groupId)))
        .join()
        .groups()
        .get(0)
        .groupState();
  }

  @Test
  void shouldKeepLiveStateAndDropOlderRecordsWhenSnapshotting() {
    GroupFixture f = fixture();
    JoinGroupResponseData a = f.joinNewMember("g").join();
    f.sync("g", a.memberId(), 1, Map.of(a.memberId(), new byte[] {7})).join();
    for (long offset = 0; offset < 30; offset++) {
      f.commit("g", a.memberId(), 1, "t", (int) (offset % 2), offset);
    }
    f.commit("s", "", -1, "u", 0, 5L);
    f.commit("d", "", -1, "u", 0, 6L);
    f.coordinator
        .deleteGroups(
            context((short) 2), new DeleteGroupsRequestData().setGroupsNames(List.of("d")))
        .join();
    int partition = f.coordinator.partitionFor("g");
    int before = f.log.records(partition).size();

    snapshotAll(f);

    assertThat(f.log.logStartOffset(partition)).isPositive();
    assertThat(f.log.records(partition).size()).isLessThan(before);
    GroupFixture restarted = f.restarted();
    assertThat(restarted.fetch("g", "t", 0).committedOffset()).isEqualTo(28L);
    assertThat(restarted.fetch("g", "t", 1).committedOffset()).isEqualTo(29L);
    assertThat(restarted.fetch("s", "u", 0).committedOffset()).isEqualTo(5L);
    assertThat(restarted.fetch("d", "u", 0).committedOffset()).isEqualTo(-1L);
    assertThat(state(restarted, "d")).isEqualTo("Dead");
    assertThat(restarted.heartbeat("g", a.memberId(), 1)).isEqualTo(Errors.NONE);
    assertThat(restarted.sync("g", a.memberId(), 1, Map.of()).join().assignment())
        .containsExactly(7);
  }

  @Test
  void shouldWriteAppendsMadeDuringSnapshotAfterIt() {
    GroupFixture f = fixture();
    f.commit("g", "", -1, "t", 0, 1L);
    int partition = f.coordinator.partitionFor("g");
    f.log.holdCompletions();
    CompletableFuture<OffsetCommitResponseData> inFlight =
        f.coordinator.commitOffsets(context((short) 9), commitRequest("g", "", -1, "t", 0, 2L));

    CompletableFuture<Void> snapshot = f.coordinator.snapshot(partition);
    CompletableFuture<OffsetCommitResponseData> held =
        f.coordinator.commitOffsets(context((short) 9), commitRequest("g", "", -1, "t", 0, 3L));
    assertThat(snapshot).isNotDone();
    f.log.releaseHeld();
    f.scheduler.runDue();

    assertThat(done(snapshot)).isNull();
    assertThat(done(inFlight).topics().get(0).partitions().get(0).errorCode()).isZero();
    assertThat(done(held).topics().get(0).partitions().get(0).errorCode()).isZero();
    assertThat(f.log.logStartOffset(partition)).isPositive();
    assertThat(f.fetch("g", "t", 0).committedOffset()).isEqualTo(3L);
    assertThat(f.restarted().fetch("g", "t", 0).committedOffset()).isEqualTo(3L);
  }

  @Test
  void shouldSnapshotByItselfOncePartitionGrewEnough() {
    GroupFixture f = fixture();
    for (long offset = 0; offset < 12; offset++) {
      f.commit("s", "", -1, "t", 0, offset);
    }
    int partition = f.coordinator.partitionFor("s");

    f.scheduler.advance(f.config.offsetsRetentionCheckIntervalMs());

    assertThat(f.log.records(partition)).hasSize(1);
    assertThat(f.restarted().fetch("s", "t", 0).committedOffset()).isEqualTo(11L);
  }

  @Test
  void shouldCarryGroupBeingDeletedIntoSnapshotAndDeleteItAfter() {
    GroupFixture f = fixture();
    f.commit("d", "", -1, "t", 0, 1L);
    int partition = f.coordinator.partitionFor("d");
    f.log.holdCompletions();
    CompletableFuture<OffsetCommitResponseData> inFlight =
        f.coordinator.commitOffsets(context((short) 9), commitRequest("d", "", -1, "t", 1, 2L));
    CompletableFuture<Void> snapshot = f.coordinator.snapshot(partition);

    var deletion =
        f.coordinator.deleteGroups(
            context((short) 2), new DeleteGroupsRequestData().setGroupsNames(List.of("d")));
    f.log.releaseHeld();
    f.scheduler.runDue();

    assertThat(done(snapshot)).isNull();
    assertThat(done(inFlight).topics().get(0).partitions().get(0).errorCode()).isZero();
    assertThat(done(deletion).results().find("d").errorCode()).isZero();
    GroupFixture restarted = f.restarted();
    assertThat(state(restarted, "d")).isEqualTo("Dead");
    assertThat(restarted.fetch("d", "t", 0).committedOffset()).isEqualTo(-1L);
  }
}
