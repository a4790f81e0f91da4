package dev.brook.broker.group;

import static dev.brook.broker.group.GroupFixture.context;
import static dev.brook.broker.group.GroupFixture.done;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.common.message.OffsetCommitRequestData;
import org.apache.kafka.common.message.OffsetCommitRequestData.OffsetCommitRequestPartition;
import org.apache.kafka.common.message.OffsetCommitRequestData.OffsetCommitRequestTopic;
import org.apache.kafka.common.message.OffsetCommitResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * OffsetCommit to partitions the metadata does not hold: Kafka answers UNKNOWN_TOPIC_OR_PARTITION
 * for each of them, ahead of any group check, and keeps no offset for them.
 */
class OffsetCommitUnknownPartitionsTest {

  /** Topic "t" has partitions 0 and 1; nothing else exists. */
  private static final KnownPartitions T_WITH_TWO_PARTITIONS =
      tp -> tp.topic().equals("t") && tp.partition() < 2;

  static IntStream versions() {
    return IntStream.rangeClosed(2, 9);
  }

  @ParameterizedTest
  @MethodSource("versions")
  void shouldRejectOnlyUnknownPartitionsAndKeepNoOffsetForThemWhenRequestMixesBoth(int version) {
    GroupFixture f = new GroupFixture(T_WITH_TWO_PARTITIONS);
    OffsetCommitRequestData request =
        request("g", -1, Map.of("t", List.of(0, 5), "missing", List.of(0)));

    Map<String, Errors> errors = commit(f, request, (short) version);

    assertThat(errors)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "t-0", Errors.NONE,
                "t-5", Errors.UNKNOWN_TOPIC_OR_PARTITION,
                "missing-0", Errors.UNKNOWN_TOPIC_OR_PARTITION));
    assertThat(f.fetch("g", "t", 0).committedOffset()).isEqualTo(10L);
    assertThat(f.fetch("g", "t", 5).committedOffset()).isEqualTo(-1L);
    assertThat(f.fetch("g", "missing", 0).committedOffset()).isEqualTo(-1L);
  }

  @ParameterizedTest
  @MethodSource("versions")
  void shouldAnswerUnknownTopicBeforeLookingAtTheGroupWhenNoPartitionExists(int version) {
    GroupFixture f = new GroupFixture(T_WITH_TWO_PARTITIONS);

    // A member commit for a group that does not exist would otherwise be ILLEGAL_GENERATION (<9)
    // or GROUP_ID_NOT_FOUND (9).
    Map<String, Errors> errors =
        commit(f, request("nope", 1, Map.of("missing", List.of(0, 1))), (short) version);

    assertThat(errors)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "missing-0", Errors.UNKNOWN_TOPIC_OR_PARTITION,
                "missing-1", Errors.UNKNOWN_TOPIC_OR_PARTITION));
    assertThat(IntStream.range(0, GroupFixture.PARTITIONS).mapToLong(f.log::logEndOffset).sum())
        .as("records written to the offsets topic")
        .isZero();
  }

  private static OffsetCommitRequestData request(
      String groupId, int generation, Map<String, List<Integer>> partitions) {
    List<OffsetCommitRequestTopic> topics = new ArrayList<>();
    new LinkedHashMap<>(partitions)
        .forEach(
            (topic, indexes) -> {
              List<OffsetCommitRequestPartition> list = new ArrayList<>();
              indexes.forEach(
                  p ->
                      list.add(
                          new OffsetCommitRequestPartition()
                              .setPartitionIndex(p)
                              .setCommittedOffset(10L)));
              topics.add(new OffsetCommitRequestTopic().setName(topic).setPartitions(list));
            });
    return new OffsetCommitRequestData()
        .setGroupId(groupId)
        .setMemberId(generation < 0 ? "" : "member")
        .setGenerationIdOrMemberEpoch(generation)
        .setTopics(topics);
  }

  /** Commits through the wire format of {@code version}; errors by "topic-partition". */
  private static Map<String, Errors> commit(
      GroupFixture f, OffsetCommitRequestData request, short version) {
    OffsetCommitRequestData decoded =
        Wire.roundTrip(request, version, OffsetCommitRequestData::new);
    OffsetCommitResponseData response =
        Wire.roundTrip(
            done(f.coordinator.commitOffsets(context(version), decoded)),
            version,
            OffsetCommitResponseData::new);
    Map<String, Errors> errors = new LinkedHashMap<>();
    response
        .topics()
        .forEach(
            t ->
                t.partitions()
                    .forEach(
                        p ->
                            errors.put(
                                t.name() + "-" + p.partitionIndex(),
                                Errors.forCode(p.errorCode()))));
    return errors;
  }
}
