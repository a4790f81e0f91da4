package dev.brook.broker.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.common.message.DescribeGroupsRequestData;
import org.apache.kafka.common.message.HeartbeatRequestData;
import org.apache.kafka.common.message.JoinGroupResponseData;
import org.apache.kafka.common.message.JoinGroupResponseData.JoinGroupResponseMember;
import org.apache.kafka.common.message.LeaveGroupRequestData;
import org.apache.kafka.common.message.LeaveGroupRequestData.MemberIdentity;
import org.apache.kafka.common.message.OffsetFetchRequestData;
import org.apache.kafka.common.message.OffsetFetchRequestData.OffsetFetchRequestTopic;
import org.apache.kafka.common.message.SyncGroupRequestData;
import org.apache.kafka.common.message.SyncGroupRequestData.SyncGroupRequestAssignment;
import org.apache.kafka.common.message.SyncGroupResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.utils.Time;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Several members join, sync, heartbeat, commit and leave one group concurrently, against real
 * threads, a real scheduler and asynchronous append completions. Checks that every request is
 * answered and that each generation is consistent.
 */
class GroupConcurrencyTest {
  private static final int MEMBERS = 4;
  private static final int ROUNDS = 15;
  private static final long WAIT_SECONDS = 10;

  private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
  private final ExecutorService appendCompletions = Executors.newSingleThreadExecutor();
  private final ExecutorService members = Executors.newFixedThreadPool(MEMBERS);
  private final Map<Integer, List<JoinGroupResponseData>> joinsByGeneration =
      new ConcurrentHashMap<>();
  private GroupCoordinator coordinator;

  @AfterEach
  void stop() {
    coordinator.close();
    members.shutdownNow();
    scheduler.shutdownNow();
    appendCompletions.shutdownNow();
  }

  @Test
  void shouldAnswerEveryRequestAndKeepGenerationsConsistentUnderConcurrentMembers()
      throws Exception {
    long seed = System.nanoTime();
    System.out.println("GroupConcurrencyTest seed " + seed);
    GroupCoordinatorConfig config =
        new GroupCoordinatorConfig(4, 10, 60_000, 0, 100, 5_000, 4096, 600_000, 600_000, 0);
    coordinator =
        new GroupCoordinator(
            config, Time.SYSTEM, scheduler, new InMemoryOffsetsLog(appendCompletions), tp -> true);
    for (int p = 0; p < 4; p++) {
      coordinator.onElection(p);
    }
    await()
        .until(
            () ->
                coordinator
                        .joinGroup(
                            GroupFixture.context((short) 9),
                            GroupFixture.joinRequest("probe", "x", null))
                        .join()
                        .errorCode()
                    != Errors.COORDINATOR_LOAD_IN_PROGRESS.code());

    List<Future<Long>> results = new ArrayList<>();
    for (int m = 0; m < MEMBERS; m++) {
      Random random = new Random(seed + m);
      int partition = m;
      results.add(members.submit(() -> runMember(partition, random)));
    }
    Map<Integer, Long> lastCommitted = new HashMap<>();
    for (int m = 0; m < MEMBERS; m++) {
      lastCommitted.put(m, results.get(m).get(60, TimeUnit.SECONDS));
    }

    System.out.println(
        "GroupConcurrencyTest generations "
            + joinsByGeneration.size()
            + ", last commits "
            + lastCommitted);
    assertThat(joinsByGeneration).as("rebalances happened").hasSizeGreaterThan(1);
    joinsByGeneration.forEach(this::assertConsistentGeneration);
    await().atMost(Duration.ofSeconds(WAIT_SECONDS)).until(() -> "Empty".equals(describeState()));
    for (Map.Entry<Integer, Long> entry : lastCommitted.entrySet()) {
      if (entry.getValue() >= 0) {
        assertThat(committed(entry.getKey())).isEqualTo(entry.getValue());
      }
    }
  }

  /** Runs one member's life; returns the last offset it committed successfully, or -1. */
  private long runMember(int partition, Random random) throws Exception {
    String memberId = "";
    int generation = -1;
    long lastCommitted = -1;
    for (int round = 0; round < ROUNDS; round++) {
      if (generation < 0) {
        JoinGroupResponseData joined = joinAndSync(memberId);
        memberId = joined == null ? "" : joined.memberId();
        generation = joined == null ? -1 : joined.generationId();
        if (joined == null) {
          continue;
        }
      }
      if (heartbeat(memberId, generation) != Errors.NONE) {
        generation = -1;
        continue;
      }
      if (commit(memberId, generation, partition, round) == Errors.NONE) {
        lastCommitted = round;
      } else {
        generation = -1;
      }
      if (random.nextInt(5) == 0) {
        leave(memberId);
        memberId = "";
        generation = -1;
      }
    }
    leave(memberId);
    return lastCommitted;
  }

  /** Joins (with the member id round trip) and syncs; null when the generation moved on. */
  private JoinGroupResponseData joinAndSync(String knownMemberId) throws Exception {
    String memberId = knownMemberId;
    JoinGroupResponseData joined = join(memberId);
    if (joined.errorCode() == Errors.MEMBER_ID_REQUIRED.code()
        || joined.errorCode() == Errors.UNKNOWN_MEMBER_ID.code()) {
      memberId = joined.errorCode() == Errors.MEMBER_ID_REQUIRED.code() ? joined.memberId() : "";
      joined = memberId.isEmpty() ? join("") : join(memberId);
      if (joined.errorCode() == Errors.MEMBER_ID_REQUIRED.code()) {
        joined = join(joined.memberId());
      }
    }
    if (joined.errorCode() != Errors.NONE.code()) {
      return null;
    }
    joinsByGeneration
        .computeIfAbsent(
            joined.generationId(), g -> new java.util.concurrent.CopyOnWriteArrayList<>())
        .add(joined);
    Map<String, byte[]> assignments = new HashMap<>();
    for (JoinGroupResponseMember member : joined.members()) {
      assignments.put(member.memberId(), member.memberId().getBytes());
    }
    SyncGroupResponseData synced = sync(joined.memberId(), joined.generationId(), assignments);
    if (synced.errorCode() != Errors.NONE.code()) {
      return null;
    }
    assertThat(new String(synced.assignment())).isEqualTo(joined.memberId());
    return joined;
  }

  private JoinGroupResponseData join(String memberId) throws Exception {
    return coordinator
        .joinGroup(
            GroupFixture.context((short) 9),
            GroupFixture.joinRequest("g", memberId, null)
                .setRebalanceTimeoutMs(1_000)
                .setSessionTimeoutMs(2_000))
        .get(WAIT_SECONDS, TimeUnit.SECONDS);
  }

  private Errors heartbeat(String memberId, int generation) throws Exception {
    HeartbeatRequestData request =
        new HeartbeatRequestData()
            .setGroupId("g")
            .setMemberId(memberId)
            .setGenerationId(generation);
    return Errors.forCode(
        coordinator
            .heartbeat(GroupFixture.context((short) 4), request)
            .get(WAIT_SECONDS, TimeUnit.SECONDS)
            .errorCode());
  }

  private Errors commit(String memberId, int generation, int partition, long offset)
      throws Exception {
    return Errors.forCode(
        coordinator
            .commitOffsets(
                GroupFixture.context((short) 9),
                GroupFixture.commitRequest("g", memberId, generation, "t", partition, offset))
            .get(WAIT_SECONDS, TimeUnit.SECONDS)
            .topics()
            .get(0)
            .partitions()
            .get(0)
            .errorCode());
  }

  private void leave(String memberId) throws Exception {
    if (memberId.isEmpty()) {
      return;
    }
    coordinator
        .leaveGroup(
            GroupFixture.context((short) 5),
            new LeaveGroupRequestData()
                .setGroupId("g")
                .setMembers(List.of(new MemberIdentity().setMemberId(memberId))))
        .get(WAIT_SECONDS, TimeUnit.SECONDS);
  }

  private String describeState() {
    return coordinator
        .describeGroups(
            GroupFixture.context((short) 5),
            new DescribeGroupsRequestData().setGroups(List.of("g")))
        .join()
        .groups()
        .get(0)
        .groupState();
  }

  private SyncGroupResponseData sync(
      String memberId, int generation, Map<String, byte[]> assignments) throws Exception {
    List<SyncGroupRequestAssignment> list = new ArrayList<>();
    assignments.forEach(
        (id, bytes) ->
            list.add(new SyncGroupRequestAssignment().setMemberId(id).setAssignment(bytes)));
    SyncGroupRequestData request =
        new SyncGroupRequestData()
            .setGroupId("g")
            .setMemberId(memberId)
            .setGenerationId(generation)
            .setAssignments(list);
    return coordinator
        .syncGroup(GroupFixture.context((short) 5), request)
        .get(WAIT_SECONDS, TimeUnit.SECONDS);
  }

  private long committed(int partition) {
    OffsetFetchRequestData request =
        new OffsetFetchRequestData()
            .setGroupId("g")
            .setTopics(
                List.of(
                    new OffsetFetchRequestTopic()
                        .setName("t")
                        .setPartitionIndexes(List.of(partition))));
    return coordinator
        .fetchOffsets(GroupFixture.context((short) 7), request)
        .join()
        .topics()
        .get(0)
        .partitions()
        .get(0)
        .committedOffset();
  }

  private void assertConsistentGeneration(int generation, List<JoinGroupResponseData> joins) {
    Set<String> leaders =
        joins.stream().map(JoinGroupResponseData::leader).collect(Collectors.toSet());
    assertThat(leaders).as("leaders of generation %d", generation).hasSize(1);
    String leader = leaders.iterator().next();
    Set<String> joined =
        joins.stream().map(JoinGroupResponseData::memberId).collect(Collectors.toSet());
    joins.stream()
        .filter(j -> j.memberId().equals(leader))
        .findFirst()
        .ifPresent(
            leaderJoin ->
                assertThat(
                        leaderJoin.members().stream()
                            .map(JoinGroupResponseMember::memberId)
                            .collect(Collectors.toSet()))
                    .as("members of generation %d", generation)
                    .isEqualTo(joined));
  }
}
