package dev.brook.broker.group;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.Assignment;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.Subscription;
import org.apache.kafka.clients.consumer.internals.ConsumerProtocol;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.message.HeartbeatRequestData;
import org.apache.kafka.common.message.JoinGroupRequestData;
import org.apache.kafka.common.message.JoinGroupRequestData.JoinGroupRequestProtocol;
import org.apache.kafka.common.message.JoinGroupRequestData.JoinGroupRequestProtocolCollection;
import org.apache.kafka.common.message.JoinGroupResponseData;
import org.apache.kafka.common.message.OffsetCommitRequestData;
import org.apache.kafka.common.message.OffsetCommitRequestData.OffsetCommitRequestPartition;
import org.apache.kafka.common.message.OffsetCommitRequestData.OffsetCommitRequestTopic;
import org.apache.kafka.common.message.OffsetCommitResponseData;
import org.apache.kafka.common.message.OffsetFetchRequestData;
import org.apache.kafka.common.message.OffsetFetchRequestData.OffsetFetchRequestGroup;
import org.apache.kafka.common.message.OffsetFetchRequestData.OffsetFetchRequestTopics;
import org.apache.kafka.common.message.OffsetFetchResponseData.OffsetFetchResponseGroup;
import org.apache.kafka.common.message.OffsetFetchResponseData.OffsetFetchResponsePartitions;
import org.apache.kafka.common.message.SyncGroupRequestData;
import org.apache.kafka.common.message.SyncGroupRequestData.SyncGroupRequestAssignment;
import org.apache.kafka.common.message.SyncGroupResponseData;
import org.apache.kafka.common.protocol.Errors;

/** A coordinator over an in-memory offsets log and a manual clock, with request builders. */
final class GroupFixture {
  static final int PARTITIONS = 4;
  static final int SESSION_MS = 10_000;
  static final int REBALANCE_MS = 30_000;
  static final short JOIN_V = 9;
  static final short SYNC_V = 5;

  final ManualScheduler scheduler = new ManualScheduler(1_000_000L);
  final InMemoryOffsetsLog log;
  final GroupCoordinatorConfig config;
  final GroupCoordinator coordinator;

  /** A coordinator to which every partition exists. */
  GroupFixture() {
    this(tp -> true);
  }

  GroupFixture(GroupCoordinatorConfig config, InMemoryOffsetsLog log) {
    this(config, log, tp -> true);
  }

  /** A coordinator that knows only the partitions {@code known} contains. */
  GroupFixture(KnownPartitions known) {
    this(
        GroupCoordinatorConfig.defaults()
            .withOffsetsTopicPartitions(PARTITIONS)
            .withInitialRebalanceDelayMs(0),
        new InMemoryOffsetsLog(),
        known);
  }

  private GroupFixture(
      GroupCoordinatorConfig config, InMemoryOffsetsLog log, KnownPartitions known) {
    this.config = config;
    this.log = log;
    this.coordinator = new GroupCoordinator(config, scheduler, scheduler, log, known);
    for (int p = 0; p < PARTITIONS; p++) {
      coordinator.onElection(p);
    }
    scheduler.runDue();
  }

  /** A second coordinator over the same log, as after a restart or failover. */
  GroupFixture restarted() {
    return new GroupFixture(config, log);
  }

  /** The result of a future that must already be complete (a hang would hide a bug). */
  static <T> T done(CompletableFuture<T> future) {
    assertThat(future).isDone();
    return future.join();
  }

  static RequestContext context(short version) {
    return new RequestContext(version, "client", "/127.0.0.1");
  }

  static byte[] subscription(String... topics) {
    return bytes(ConsumerProtocol.serializeSubscription(new Subscription(List.of(topics))));
  }

  static byte[] assignment(List<TopicPartition> partitions) {
    return bytes(ConsumerProtocol.serializeAssignment(new Assignment(partitions)));
  }

  static List<TopicPartition> decodeAssignment(byte[] bytes) {
    return ConsumerProtocol.deserializeAssignment(ByteBuffer.wrap(bytes)).partitions();
  }

  private static byte[] bytes(ByteBuffer buffer) {
    byte[] result = new byte[buffer.remaining()];
    buffer.get(result);
    return result;
  }

  static JoinGroupRequestData joinRequest(String groupId, String memberId, String instanceId) {
    JoinGroupRequestProtocolCollection protocols = new JoinGroupRequestProtocolCollection();
    protocols.add(new JoinGroupRequestProtocol().setName("range").setMetadata(subscription("t")));
    return new JoinGroupRequestData()
        .setGroupId(groupId)
        .setMemberId(memberId)
        .setGroupInstanceId(instanceId)
        .setProtocolType("consumer")
        .setProtocols(protocols)
        .setSessionTimeoutMs(SESSION_MS)
        .setRebalanceTimeoutMs(REBALANCE_MS);
  }

  CompletableFuture<JoinGroupResponseData> join(JoinGroupRequestData request, short version) {
    return coordinator.joinGroup(context(version), request);
  }

  CompletableFuture<JoinGroupResponseData> join(String groupId, String memberId) {
    return join(joinRequest(groupId, memberId, null), JOIN_V);
  }

  /** The v4+ dance: a first join for a member id, then the real join. */
  CompletableFuture<JoinGroupResponseData> joinNewMember(String groupId) {
    JoinGroupResponseData first = join(groupId, "").join();
    assertThat(Errors.forCode(first.errorCode())).isEqualTo(Errors.MEMBER_ID_REQUIRED);
    return join(groupId, first.memberId());
  }

  CompletableFuture<SyncGroupResponseData> sync(
      String groupId, String memberId, int generation, Map<String, byte[]> assignments) {
    List<SyncGroupRequestAssignment> list = new ArrayList<>();
    assignments.forEach(
        (id, bytes) ->
            list.add(new SyncGroupRequestAssignment().setMemberId(id).setAssignment(bytes)));
    SyncGroupRequestData request =
        new SyncGroupRequestData()
            .setGroupId(groupId)
            .setMemberId(memberId)
            .setGenerationId(generation)
            .setProtocolType("consumer")
            .setProtocolName("range")
            .setAssignments(list);
    return coordinator.syncGroup(context(SYNC_V), request);
  }

  Errors heartbeat(String groupId, String memberId, int generation) {
    HeartbeatRequestData request =
        new HeartbeatRequestData()
            .setGroupId(groupId)
            .setMemberId(memberId)
            .setGenerationId(generation);
    return Errors.forCode(coordinator.heartbeat(context((short) 4), request).join().errorCode());
  }

  static OffsetCommitRequestData commitRequest(
      String groupId, String memberId, int generation, String topic, int partition, long offset) {
    return new OffsetCommitRequestData()
        .setGroupId(groupId)
        .setMemberId(memberId)
        .setGenerationIdOrMemberEpoch(generation)
        .setTopics(
            List.of(
                new OffsetCommitRequestTopic()
                    .setName(topic)
                    .setPartitions(
                        new ArrayList<>(
                            List.of(
                                new OffsetCommitRequestPartition()
                                    .setPartitionIndex(partition)
                                    .setCommittedOffset(offset)
                                    .setCommittedLeaderEpoch(3)
                                    .setCommittedMetadata("meta"))))));
  }

  Errors commit(String groupId, String memberId, int generation, String topic, int p, long offset) {
    OffsetCommitResponseData response =
        coordinator
            .commitOffsets(
                context((short) 9), commitRequest(groupId, memberId, generation, topic, p, offset))
            .join();
    return Errors.forCode(response.topics().get(0).partitions().get(0).errorCode());
  }

  /** The committed offset of one partition through OffsetFetch v9 (batched form). */
  OffsetFetchResponsePartitions fetch(String groupId, String topic, int partition) {
    OffsetFetchRequestData request =
        new OffsetFetchRequestData()
            .setGroups(
                List.of(
                    new OffsetFetchRequestGroup()
                        .setGroupId(groupId)
                        .setTopics(
                            List.of(
                                new OffsetFetchRequestTopics()
                                    .setName(topic)
                                    .setPartitionIndexes(List.of(partition))))));
    OffsetFetchResponseGroup group =
        coordinator.fetchOffsets(context((short) 9), request).join().groups().get(0);
    assertThat(group.errorCode()).isZero();
    return group.topics().get(0).partitions().get(0);
  }

  /** Joins one member into an empty group and completes the rebalance; returns the join result. */
  JoinGroupResponseData stableSingleMember(String groupId) {
    JoinGroupResponseData joined = joinNewMember(groupId).join();
    sync(groupId, joined.memberId(), joined.generationId(), Map.of(joined.memberId(), new byte[0]))
        .join();
    return joined;
  }
}
