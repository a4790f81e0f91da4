package dev.brook.bench;

import static dev.brook.bench.SemanticsProbe.EXISTING;
import static dev.brook.bench.SemanticsProbe.GROUP;
import static dev.brook.bench.SemanticsProbe.MISSING;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.message.DeleteGroupsRequestData;
import org.apache.kafka.common.message.DeleteGroupsResponseData;
import org.apache.kafka.common.message.DescribeGroupsRequestData;
import org.apache.kafka.common.message.DescribeGroupsResponseData;
import org.apache.kafka.common.message.DescribeGroupsResponseData.DescribedGroup;
import org.apache.kafka.common.message.FindCoordinatorRequestData;
import org.apache.kafka.common.message.FindCoordinatorResponseData;
import org.apache.kafka.common.message.HeartbeatRequestData;
import org.apache.kafka.common.message.HeartbeatResponseData;
import org.apache.kafka.common.message.JoinGroupRequestData;
import org.apache.kafka.common.message.JoinGroupRequestData.JoinGroupRequestProtocol;
import org.apache.kafka.common.message.JoinGroupRequestData.JoinGroupRequestProtocolCollection;
import org.apache.kafka.common.message.JoinGroupResponseData;
import org.apache.kafka.common.message.LeaveGroupRequestData;
import org.apache.kafka.common.message.LeaveGroupRequestData.MemberIdentity;
import org.apache.kafka.common.message.LeaveGroupResponseData;
import org.apache.kafka.common.message.OffsetCommitRequestData;
import org.apache.kafka.common.message.OffsetCommitRequestData.OffsetCommitRequestPartition;
import org.apache.kafka.common.message.OffsetCommitRequestData.OffsetCommitRequestTopic;
import org.apache.kafka.common.message.OffsetCommitResponseData;
import org.apache.kafka.common.message.OffsetDeleteRequestData;
import org.apache.kafka.common.message.OffsetDeleteRequestData.OffsetDeleteRequestPartition;
import org.apache.kafka.common.message.OffsetDeleteRequestData.OffsetDeleteRequestTopic;
import org.apache.kafka.common.message.OffsetDeleteRequestData.OffsetDeleteRequestTopicCollection;
import org.apache.kafka.common.message.OffsetDeleteResponseData;
import org.apache.kafka.common.message.OffsetFetchRequestData;
import org.apache.kafka.common.message.OffsetFetchRequestData.OffsetFetchRequestGroup;
import org.apache.kafka.common.message.OffsetFetchRequestData.OffsetFetchRequestTopic;
import org.apache.kafka.common.message.OffsetFetchRequestData.OffsetFetchRequestTopics;
import org.apache.kafka.common.message.OffsetFetchResponseData;
import org.apache.kafka.common.message.OffsetFetchResponseData.OffsetFetchResponsePartitions;
import org.apache.kafka.common.message.SyncGroupRequestData;
import org.apache.kafka.common.message.SyncGroupResponseData;
import org.apache.kafka.common.protocol.Errors;

/**
 * The consumer-group part of the {@link SemanticsProbe}: offsets committed and fetched for topics
 * and groups that do not exist (at the newest and the oldest versions clients send), and what the
 * membership and group admin APIs answer about unknown groups and members.
 */
final class GroupProbe {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final ProbeConnection connection;
  private final Answers answers;

  GroupProbe(ProbeConnection connection, Answers answers) {
    this.connection = connection;
    this.answers = answers;
  }

  void run() throws IOException {
    unknownTopics();
    olderVersions();
    unknownGroupsAndMembers();
    // The offsets topic exists in both by now; clients may not write to it.
    answer(
        "produce v12 to __consumer_offsets",
        SemanticsProbe.partitionError(
            connection.call(SemanticsProbe.produceRequest("__consumer_offsets", 0), (short) 12)));
  }

  private void unknownTopics() throws IOException {
    FindCoordinatorRequestData find =
        new FindCoordinatorRequestData().setKeyType((byte) 0).setCoordinatorKeys(List.of(GROUP));
    await()
        .atMost(TIMEOUT)
        .until(
            () -> {
              FindCoordinatorResponseData response = connection.call(find, (short) 6);
              return response.coordinators().get(0).errorCode() == 0;
            });
    // The coordinator may still be loading its partition: retry until the existing topic commits.
    await().atMost(TIMEOUT).until(() -> commit(GROUP, EXISTING, 0, -1).equals("NONE"));
    answer("offsetCommit v9 unknown topic", commit(GROUP, MISSING, 0, -1));
    answer("offsetCommit v9 unknown partition", commit(GROUP, EXISTING, 7, -1));
    answer(
        "offsetCommit v9 unknown topic, generation 1 of unknown group",
        commit("probe-nogroup", MISSING, 0, 1));
    OffsetCommitResponseData mixed =
        connection.call(commitRequest(GROUP, -1, List.of(MISSING, EXISTING)), (short) 9);
    mixed
        .topics()
        .forEach(
            t ->
                answer(
                    "offsetCommit v9 mixed request, " + t.name(),
                    Errors.forCode(t.partitions().get(0).errorCode())));
    answer("offsetCommit v9 throttle_time_ms", mixed.throttleTimeMs());

    OffsetFetchResponseData fetched =
        connection.call(
            new OffsetFetchRequestData()
                .setGroups(
                    List.of(
                        new OffsetFetchRequestGroup()
                            .setGroupId(GROUP)
                            .setTopics(
                                List.of(
                                    new OffsetFetchRequestTopics()
                                        .setName(MISSING)
                                        .setPartitionIndexes(List.of(0)),
                                    new OffsetFetchRequestTopics()
                                        .setName(EXISTING)
                                        .setPartitionIndexes(List.of(0, 7)))))),
            (short) 9);
    answer("offsetFetch v9 group error", Errors.forCode(fetched.groups().get(0).errorCode()));
    fetched
        .groups()
        .get(0)
        .topics()
        .forEach(
            t ->
                t.partitions()
                    .forEach(
                        p ->
                            answer(
                                "offsetFetch v9 " + t.name() + "-" + p.partitionIndex(),
                                fetchedOffset(p))));
    answer("offsetFetch v9 throttle_time_ms", fetched.throttleTimeMs());
  }

  private static OffsetCommitRequestData commitRequest(
      String group, int generation, List<String> topics) {
    List<OffsetCommitRequestTopic> requested = new ArrayList<>();
    for (String topic : topics) {
      requested.add(
          new OffsetCommitRequestTopic()
              .setName(topic)
              .setPartitions(
                  List.of(
                      new OffsetCommitRequestPartition()
                          .setPartitionIndex(0)
                          .setCommittedOffset(1))));
    }
    return new OffsetCommitRequestData()
        .setGroupId(group)
        .setGenerationIdOrMemberEpoch(generation)
        .setMemberId("")
        .setTopics(requested);
  }

  private String commit(String group, String topic, int partition, int generation)
      throws IOException {
    OffsetCommitRequestData request = commitRequest(group, generation, List.of(topic));
    request.topics().get(0).partitions().get(0).setPartitionIndex(partition);
    OffsetCommitResponseData response = connection.call(request, (short) 9);
    return Errors.forCode(response.topics().get(0).partitions().get(0).errorCode()).name();
  }

  private static String fetchedOffset(OffsetFetchResponsePartitions p) {
    return "offset "
        + p.committedOffset()
        + ", epoch "
        + p.committedLeaderEpoch()
        + ", "
        + Errors.forCode(p.errorCode());
  }

  private void olderVersions() throws IOException {
    for (short version : new short[] {2, 8}) {
      OffsetCommitResponseData response =
          connection.call(commitRequest(GROUP, -1, List.of(MISSING, EXISTING)), version);
      response
          .topics()
          .forEach(
              t ->
                  answer(
                      "offsetCommit v" + version + " " + t.name(),
                      Errors.forCode(t.partitions().get(0).errorCode())));
    }
    for (short version : new short[] {1, 7}) {
      for (String group : new String[] {GROUP, "probe-nogroup"}) {
        OffsetFetchResponseData response =
            connection.call(
                new OffsetFetchRequestData()
                    .setGroupId(group)
                    .setTopics(
                        List.of(
                            new OffsetFetchRequestTopic()
                                .setName(MISSING)
                                .setPartitionIndexes(List.of(0)),
                            new OffsetFetchRequestTopic()
                                .setName(EXISTING)
                                .setPartitionIndexes(List.of(0)))),
                version);
        String prefix = "offsetFetch v" + version + " " + group + " ";
        if (version >= 2) {
          answer(prefix + "error", Errors.forCode(response.errorCode()));
        }
        response
            .topics()
            .forEach(
                t ->
                    answer(
                        prefix + t.name(),
                        "offset "
                            + t.partitions().get(0).committedOffset()
                            + ", "
                            + Errors.forCode(t.partitions().get(0).errorCode())));
      }
    }
    FindCoordinatorResponseData v0 =
        connection.call(
            new FindCoordinatorRequestData().setKey(GROUP).setKeyType((byte) 0), (short) 0);
    answer("findCoordinator v0 group", Errors.forCode(v0.errorCode()));
  }

  private void unknownGroupsAndMembers() throws IOException {
    String unknown = "probe-unknown-group";
    JoinGroupResponseData badTimeout = connection.call(joinRequest(unknown, 1), (short) 9);
    answer("joinGroup v9 session timeout 1 ms", Errors.forCode(badTimeout.errorCode()));
    JoinGroupResponseData newMember = connection.call(joinRequest(unknown, 10_000), (short) 9);
    answer(
        "joinGroup v9 new member without id",
        Errors.forCode(newMember.errorCode())
            + ", member id "
            + (newMember.memberId().isEmpty() ? "empty" : "given"));
    JoinGroupResponseData unknownMember =
        connection.call(
            joinRequest("probe-other-group", 10_000).setMemberId("no-such-member"), (short) 9);
    answer("joinGroup v9 unknown member id", Errors.forCode(unknownMember.errorCode()));

    HeartbeatResponseData heartbeat =
        connection.call(
            new HeartbeatRequestData()
                .setGroupId("probe-nogroup")
                .setMemberId("m")
                .setGenerationId(1),
            (short) 4);
    answer("heartbeat v4 unknown group", Errors.forCode(heartbeat.errorCode()));
    SyncGroupResponseData sync =
        connection.call(
            new SyncGroupRequestData()
                .setGroupId("probe-nogroup")
                .setMemberId("m")
                .setGenerationId(1)
                .setProtocolType("consumer")
                .setProtocolName("range"),
            (short) 5);
    answer("syncGroup v5 unknown group", Errors.forCode(sync.errorCode()));
    LeaveGroupResponseData leave =
        connection.call(
            new LeaveGroupRequestData()
                .setGroupId("probe-nogroup")
                .setMembers(List.of(new MemberIdentity().setMemberId("m"))),
            (short) 5);
    answer(
        "leaveGroup v5 unknown group",
        Errors.forCode(leave.errorCode())
            + ", members "
            + leave.members().stream()
                .map(m -> m.memberId() + " " + Errors.forCode(m.errorCode()))
                .toList());

    LeaveGroupResponseData knownGroup =
        connection.call(
            new LeaveGroupRequestData()
                .setGroupId(GROUP)
                .setMembers(List.of(new MemberIdentity().setMemberId("m"))),
            (short) 5);
    answer(
        "leaveGroup v5 unknown member of a known group",
        Errors.forCode(knownGroup.errorCode())
            + ", member "
            + Errors.forCode(knownGroup.members().get(0).errorCode()));
    LeaveGroupResponseData v1 =
        connection.call(
            new LeaveGroupRequestData().setGroupId("probe-nogroup").setMemberId("m"), (short) 1);
    answer("leaveGroup v1 unknown group", Errors.forCode(v1.errorCode()));

    for (short version : new short[] {5, 6}) {
      DescribeGroupsResponseData described =
          connection.call(
              new DescribeGroupsRequestData().setGroups(List.of("probe-nogroup", GROUP)), version);
      for (DescribedGroup group : described.groups()) {
        answer(
            "describeGroups v" + version + " " + group.groupId(),
            Errors.forCode(group.errorCode())
                + ", state "
                + group.groupState()
                + ", protocol type '"
                + group.protocolType()
                + "', members "
                + group.members().size());
      }
    }

    answer("offsetDelete v0 unknown group", offsetDelete("probe-nogroup", EXISTING));
    answer("offsetDelete v0 unknown topic", offsetDelete(GROUP, MISSING));
    answer("offsetDelete v0 existing offsets", offsetDelete(GROUP, EXISTING));
    DeleteGroupsResponseData deleted =
        connection.call(
            new DeleteGroupsRequestData().setGroupsNames(List.of("probe-nogroup", GROUP)),
            (short) 2);
    deleted
        .results()
        .forEach(r -> answer("deleteGroups v2 " + r.groupId(), Errors.forCode(r.errorCode())));
  }

  private static JoinGroupRequestData joinRequest(String group, int sessionTimeoutMs) {
    JoinGroupRequestProtocolCollection protocols = new JoinGroupRequestProtocolCollection();
    protocols.add(new JoinGroupRequestProtocol().setName("range").setMetadata(new byte[0]));
    return new JoinGroupRequestData()
        .setGroupId(group)
        .setMemberId("")
        .setProtocolType("consumer")
        .setProtocols(protocols)
        .setSessionTimeoutMs(sessionTimeoutMs)
        .setRebalanceTimeoutMs(10_000);
  }

  private String offsetDelete(String group, String topic) throws IOException {
    OffsetDeleteRequestTopicCollection topics = new OffsetDeleteRequestTopicCollection();
    topics.add(
        new OffsetDeleteRequestTopic()
            .setName(topic)
            .setPartitions(List.of(new OffsetDeleteRequestPartition().setPartitionIndex(0))));
    OffsetDeleteResponseData response =
        connection.call(
            new OffsetDeleteRequestData().setGroupId(group).setTopics(topics), (short) 0);
    Errors groupError = Errors.forCode(response.errorCode());
    if (groupError != Errors.NONE || response.topics().isEmpty()) {
      return "group " + groupError;
    }
    return "partition "
        + Errors.forCode(
            response.topics().iterator().next().partitions().iterator().next().errorCode());
  }

  private void answer(String question, Object value) {
    answers.put(question, value);
  }
}
