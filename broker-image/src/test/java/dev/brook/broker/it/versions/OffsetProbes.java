package dev.brook.broker.it.versions;

import static dev.brook.broker.it.versions.MatrixBroker.TOPIC;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.message.OffsetCommitRequestData;
import org.apache.kafka.common.message.OffsetCommitRequestData.OffsetCommitRequestPartition;
import org.apache.kafka.common.message.OffsetCommitRequestData.OffsetCommitRequestTopic;
import org.apache.kafka.common.message.OffsetCommitResponseData;
import org.apache.kafka.common.message.OffsetDeleteRequestData;
import org.apache.kafka.common.message.OffsetDeleteResponseData;
import org.apache.kafka.common.message.OffsetFetchRequestData;
import org.apache.kafka.common.message.OffsetFetchResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;

/**
 * Probes for committed offsets: OffsetCommit (as a simple consumer and as a group member),
 * OffsetFetch in its single-group (v1-v7) and multi-group (v8+) shapes, and OffsetDelete.
 */
final class OffsetProbes {

  private static final short FIRST_MULTI_GROUP_FETCH = 8;

  private OffsetProbes() {}

  static void register(Map<ApiKeys, VersionProbe> probes) {
    probes.put(ApiKeys.OFFSET_COMMIT, OffsetProbes::offsetCommit);
    probes.put(ApiKeys.OFFSET_FETCH, OffsetProbes::offsetFetch);
    probes.put(ApiKeys.OFFSET_DELETE, OffsetProbes::offsetDelete);
  }

  private static void offsetCommit(MatrixBroker broker, short version) throws Exception {
    String simpleGroup = broker.uniqueName("commit-simple");
    Map<Integer, Errors> simple = commit(broker, simpleGroup, -1, "", TOPIC, 7, version);
    assertThat(simple).containsOnly(Map.entry(0, Errors.NONE), Map.entry(1, Errors.NONE));
    assertThat(fetch(broker, simpleGroup, TOPIC, MatrixBroker.newest(ApiKeys.OFFSET_FETCH)))
        .containsOnly(Map.entry(0, 7L), Map.entry(1, 8L));

    String unknownTopic = broker.uniqueName("no-such-topic");
    assertThat(commit(broker, simpleGroup, -1, "", unknownTopic, 1, version))
        .containsOnly(
            Map.entry(0, Errors.UNKNOWN_TOPIC_OR_PARTITION),
            Map.entry(1, Errors.UNKNOWN_TOPIC_OR_PARTITION));

    GroupFlow member =
        new GroupFlow(broker, broker.uniqueName("commit-member"), ApiKeys.OFFSET_COMMIT, version);
    member.join();
    member.sync();
    assertThat(
            commit(
                broker,
                member.groupId(),
                member.generationId(),
                member.memberId(),
                TOPIC,
                3,
                version))
        .containsOnly(Map.entry(0, Errors.NONE), Map.entry(1, Errors.NONE));
    assertThat(
            commit(
                broker,
                member.groupId(),
                member.generationId() + 1,
                member.memberId(),
                TOPIC,
                4,
                version))
        .containsOnly(
            Map.entry(0, Errors.ILLEGAL_GENERATION), Map.entry(1, Errors.ILLEGAL_GENERATION));
    member.leave();
  }

  /** Commits {@code offset} to partition 0 and {@code offset + 1} to partition 1. */
  static Map<Integer, Errors> commit(
      MatrixBroker broker,
      String groupId,
      int generation,
      String memberId,
      String topic,
      long offset,
      short version)
      throws Exception {
    List<OffsetCommitRequestPartition> partitions = new ArrayList<>();
    for (int partition = 0; partition < 2; partition++) {
      OffsetCommitRequestPartition entry =
          new OffsetCommitRequestPartition()
              .setPartitionIndex(partition)
              .setCommittedOffset(offset + partition)
              .setCommittedMetadata("m" + partition);
      partitions.add(entry);
    }
    OffsetCommitRequestData request =
        new OffsetCommitRequestData()
            .setGroupId(groupId)
            .setGenerationIdOrMemberEpoch(generation)
            .setMemberId(memberId)
            .setTopics(
                List.of(new OffsetCommitRequestTopic().setName(topic).setPartitions(partitions)));
    OffsetCommitResponseData response = broker.call(request, version);
    Map<Integer, Errors> errors = new TreeMap<>();
    response
        .topics()
        .forEach(
            t ->
                t.partitions()
                    .forEach(p -> errors.put(p.partitionIndex(), Errors.forCode(p.errorCode()))));
    return errors;
  }

  private static void offsetFetch(MatrixBroker broker, short version) throws Exception {
    String group = broker.uniqueName("fetch");
    commit(broker, group, -1, "", TOPIC, 4, MatrixBroker.newest(ApiKeys.OFFSET_COMMIT));
    assertThat(fetch(broker, group, TOPIC, version))
        .containsOnly(Map.entry(0, 4L), Map.entry(1, 5L));
    assertThat(fetch(broker, broker.uniqueName("never-committed"), TOPIC, version))
        .containsOnly(Map.entry(0, -1L), Map.entry(1, -1L));
  }

  /** The committed offsets of partitions 0 and 1 of {@code topic}, -1 where none is committed. */
  static Map<Integer, Long> fetch(MatrixBroker broker, String groupId, String topic, short version)
      throws Exception {
    List<Integer> partitions = List.of(0, 1);
    Map<Integer, Long> offsets = new TreeMap<>();
    if (version < FIRST_MULTI_GROUP_FETCH) {
      OffsetFetchRequestData request =
          new OffsetFetchRequestData()
              .setGroupId(groupId)
              .setTopics(
                  List.of(
                      new OffsetFetchRequestData.OffsetFetchRequestTopic()
                          .setName(topic)
                          .setPartitionIndexes(partitions)));
      OffsetFetchResponseData response = broker.call(request, version);
      assertThat(response.errorCode()).isEqualTo(Errors.NONE.code());
      response
          .topics()
          .forEach(
              t ->
                  t.partitions()
                      .forEach(
                          p -> {
                            assertThat(p.errorCode()).isEqualTo(Errors.NONE.code());
                            offsets.put(p.partitionIndex(), p.committedOffset());
                          }));
      return offsets;
    }
    OffsetFetchRequestData request =
        new OffsetFetchRequestData()
            .setGroups(
                List.of(
                    new OffsetFetchRequestData.OffsetFetchRequestGroup()
                        .setGroupId(groupId)
                        .setTopics(
                            List.of(
                                new OffsetFetchRequestData.OffsetFetchRequestTopics()
                                    .setName(topic)
                                    .setPartitionIndexes(partitions)))));
    OffsetFetchResponseData response = broker.call(request, version);
    assertThat(response.groups())
        .singleElement()
        .satisfies(
            g -> {
              assertThat(g.groupId()).isEqualTo(groupId);
              assertThat(g.errorCode()).isEqualTo(Errors.NONE.code());
              g.topics()
                  .forEach(
                      t ->
                          t.partitions()
                              .forEach(
                                  p -> {
                                    assertThat(p.errorCode()).isEqualTo(Errors.NONE.code());
                                    offsets.put(p.partitionIndex(), p.committedOffset());
                                  }));
            });
    return offsets;
  }

  private static void offsetDelete(MatrixBroker broker, short version) throws Exception {
    String group = broker.uniqueName("offset-delete");
    commit(broker, group, -1, "", TOPIC, 2, MatrixBroker.newest(ApiKeys.OFFSET_COMMIT));
    OffsetDeleteRequestData.OffsetDeleteRequestTopicCollection topics =
        new OffsetDeleteRequestData.OffsetDeleteRequestTopicCollection();
    topics.add(
        new OffsetDeleteRequestData.OffsetDeleteRequestTopic()
            .setName(TOPIC)
            .setPartitions(
                List.of(
                    new OffsetDeleteRequestData.OffsetDeleteRequestPartition()
                        .setPartitionIndex(0))));
    OffsetDeleteResponseData response =
        broker.call(new OffsetDeleteRequestData().setGroupId(group).setTopics(topics), version);
    assertThat(response.errorCode()).isEqualTo(Errors.NONE.code());
    assertThat(response.topics().find(TOPIC).partitions().find(0).errorCode())
        .isEqualTo(Errors.NONE.code());
    assertThat(fetch(broker, group, TOPIC, MatrixBroker.newest(ApiKeys.OFFSET_FETCH)))
        .containsOnly(Map.entry(0, -1L), Map.entry(1, 3L));
  }
}
