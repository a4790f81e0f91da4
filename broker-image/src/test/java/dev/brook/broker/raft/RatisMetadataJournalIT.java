package dev.brook.broker.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.brook.broker.metadata.MetadataApplier;
import dev.brook.broker.metadata.MetadataCache;
import dev.brook.broker.metadata.image.MetadataImage;
import dev.brook.broker.metadata.record.MetadataRecord;
import dev.brook.broker.metadata.record.MetadataRecord.AllocateProducerIds;
import dev.brook.broker.metadata.record.MetadataRecord.CreateTopic;
import dev.brook.broker.metadata.record.MetadataRecord.RemoveTopic;
import dev.brook.broker.raft.QuorumFixture.Commit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.NotControllerException;
import org.apache.ratis.statemachine.StateMachine;
import org.apache.ratis.util.LifeCycle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RatisMetadataJournalIT {

  @TempDir Path dir;

  @Test
  void shouldCommitOnceInOrderOnAllNodesWhenTheLeaderStops() throws Exception {
    try (QuorumFixture quorum = new QuorumFixture(dir, QuorumFixture.FAST).startAll()) {
      int leader = quorum.awaitActive();
      List<List<MetadataRecord>> appended = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        appended.add(appendProducerIds(quorum, leader, i));
      }
      quorum.stop(leader);
      int next = quorum.awaitActive();
      assertThat(next).isNotEqualTo(leader);
      for (int i = 5; i < 10; i++) {
        appended.add(appendProducerIds(quorum, next, i));
      }
      for (int id = 1; id <= 3; id++) {
        if (id == leader) {
          continue;
        }
        int node = id;
        await()
            .atMost(Duration.ofSeconds(20))
            .untilAsserted(
                () ->
                    assertThat(recordsOf(quorum.commits.get(node)))
                        .containsExactlyElementsOf(appended));
        assertThat(offsetsOf(quorum.commits.get(node))).isSorted().doesNotHaveDuplicates();
      }
      // The old leader restarts from its snapshot (taken at stop) and catches up from the log.
      quorum.start(leader);
      await()
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(
              () ->
                  assertThat(quorum.caches.get(leader).image().nextProducerId()).isEqualTo(10_000));
      assertThat(offsetsOf(quorum.commits.get(leader))).isSorted().doesNotHaveDuplicates();
    }
  }

  @Test
  void shouldRefuseAppendWhenNotLeader() throws Exception {
    try (QuorumFixture quorum = new QuorumFixture(dir, QuorumFixture.FAST).startAll()) {
      int leader = quorum.awaitActive();
      int follower = leader % 3 + 1;
      assertThat(quorum.journals.get(follower).isActive()).isFalse();
      assertThatThrownBy(() -> quorum.journals.get(follower).append(List.of(producerIds(1))).get())
          .isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(NotControllerException.class);
      await()
          .untilAsserted(
              () -> assertThat(quorum.journals.get(follower).leaderId()).hasValue(leader));
    }
  }

  @Test
  void shouldRestoreImageFromSnapshotWhenAllNodesRestart() throws Exception {
    RatisSettings snapshotOften = new RatisSettings(4, 300, 600, 3_000);
    MetadataImage before;
    try (QuorumFixture quorum = new QuorumFixture(dir, snapshotOften).startAll()) {
      int leader = quorum.awaitActive();
      for (int i = 0; i < 12; i++) {
        quorum
            .journals
            .get(leader)
            .append(List.of(new CreateTopic("topic-" + i, Uuid.randomUuid(), Map.of())))
            .get();
      }
      before = quorum.caches.get(leader).image();
      quorum.close();
      try (Stream<Path> files = Files.walk(dir)) {
        assertThat(files.filter(p -> p.getFileName().toString().startsWith("snapshot.")))
            .isNotEmpty();
      }
      quorum.startAll();
      for (int id = 1; id <= 3; id++) {
        int node = id;
        await()
            .atMost(Duration.ofSeconds(20))
            .untilAsserted(
                () ->
                    assertThat(quorum.caches.get(node).image().topicsByName())
                        .isEqualTo(before.topicsByName()));
        // The snapshot, not the whole log, was replayed: its first commit holds many records.
        assertThat(quorum.commits.get(node).get(0).records().size()).isGreaterThan(1);
      }
      assertBrokerOnlyNodeGetsTheImage(quorum, before);
    }
  }

  /**
   * A broker-only node starting after the voters restarted from a snapshot asks for everything; the
   * active controller no longer holds the entries before its snapshot, so it answers with its
   * image.
   */
  private static void assertBrokerOnlyNodeGetsTheImage(QuorumFixture quorum, MetadataImage expected)
      throws Exception {
    int leader = quorum.awaitActive();
    MetadataLogTail tail = quorum.journals.get(leader).tail();
    assertThat(tail.fetch(-1, leader).image()).isPresent();
    MetadataCache observed = new MetadataCache();
    try (ObserverMetadataJournal observer =
        new ObserverMetadataJournal(
            4, after -> CompletableFuture.completedFuture(tail.fetch(after, leader)), 20)) {
      observer.start(new MetadataApplier(observed));
      assertThat(observer.awaitReplay(Duration.ofSeconds(5))).isTrue();
      assertThat(observed.image().topicsByName()).isEqualTo(expected.topicsByName());
      assertThat(observer.leaderId()).hasValue(leader);
    }
  }

  @Test
  void shouldConvergeIncludingDeletionsWhenAFollowerRejoinsFarBehind() throws Exception {
    RatisSettings snapshotOften = new RatisSettings(4, 300, 600, 3_000);
    try (QuorumFixture quorum = new QuorumFixture(dir, snapshotOften).startAll()) {
      int leader = quorum.awaitActive();
      Uuid doomed = Uuid.randomUuid();
      quorum
          .journals
          .get(leader)
          .append(List.of(new CreateTopic("doomed", doomed, Map.of())))
          .get();
      int follower = leader % 3 + 1;
      await().until(() -> quorum.caches.get(follower).image().topic("doomed").isPresent());
      quorum.stop(follower);
      quorum.journals.get(leader).append(List.of(new RemoveTopic(doomed))).get();
      for (int i = 0; i < 12; i++) {
        quorum
            .journals
            .get(leader)
            .append(List.of(new CreateTopic("later-" + i, Uuid.randomUuid(), Map.of())))
            .get();
      }
      quorum.start(follower);
      await()
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(
              () ->
                  assertThat(quorum.caches.get(follower).image().topicsByName())
                      .isEqualTo(quorum.caches.get(leader).image().topicsByName()));
      assertThat(quorum.caches.get(follower).image().topic("doomed")).isEmpty();
    }
  }

  /**
   * Ratis installs a leader's snapshot on a lagging follower by pausing its state machine, checking
   * that it is PAUSED, and reinitializing it from the snapshot. The machine must then run and
   * follow again; one that never left its initial state failed the check and Ratis closed the
   * server, which the node then reports by not being live (the chaos soak met it).
   */
  @Test
  void shouldPauseForASnapshotInstallAndFollowAgainAfterReinitializing() throws Exception {
    try (QuorumFixture quorum = new QuorumFixture(dir, QuorumFixture.FAST).startAll()) {
      int leader = quorum.awaitActive();
      int follower = leader % 3 + 1;
      RatisMetadataJournal journal = quorum.journals.get(follower);
      StateMachine machine = journal.division().getStateMachine();
      assertThat(machine.getLifeCycleState()).isEqualTo(LifeCycle.State.RUNNING);

      machine.pause();
      assertThat(machine.getLifeCycleState()).isEqualTo(LifeCycle.State.PAUSED);
      machine.reinitialize();
      assertThat(machine.getLifeCycleState()).isEqualTo(LifeCycle.State.RUNNING);

      appendProducerIds(quorum, leader, 0);
      await().until(() -> quorum.caches.get(follower).image().nextProducerId() == 1000);
      assertThat(journal.isFollowing()).isTrue();
      journal.division().close();
      assertThat(journal.isFollowing()).as("a voter whose Raft server closed on its own").isFalse();
    }
  }

  private static List<MetadataRecord> appendProducerIds(QuorumFixture quorum, int node, int i)
      throws Exception {
    List<MetadataRecord> records = List.of(producerIds(i));
    quorum.journals.get(node).append(records).get();
    return records;
  }

  private static MetadataRecord producerIds(int i) {
    return new AllocateProducerIds(1, (i + 1) * 1000L);
  }

  private static List<List<MetadataRecord>> recordsOf(List<Commit> commits) {
    return commits.stream().map(Commit::records).toList();
  }

  private static List<Long> offsetsOf(List<Commit> commits) {
    return commits.stream().map(Commit::offset).toList();
  }
}
