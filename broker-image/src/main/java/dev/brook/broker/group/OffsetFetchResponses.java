package dev.brook.broker.group;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.message.OffsetFetchResponseData;
import org.apache.kafka.common.message.OffsetFetchResponseData.OffsetFetchResponseGroup;
import org.apache.kafka.common.message.OffsetFetchResponseData.OffsetFetchResponsePartition;
import org.apache.kafka.common.message.OffsetFetchResponseData.OffsetFetchResponsePartitions;
import org.apache.kafka.common.message.OffsetFetchResponseData.OffsetFetchResponseTopic;
import org.apache.kafka.common.message.OffsetFetchResponseData.OffsetFetchResponseTopics;

/**
 * Reshapes a batched (v8+) OffsetFetch group result into the single-group form of v1-7. Version 1
 * has no top-level error code, so a group-level error is repeated on every partition instead.
 */
final class OffsetFetchResponses {
  private OffsetFetchResponses() {}

  static OffsetFetchResponseData legacy(
      short version, OffsetFetchResponseGroup group, Map<String, List<Integer>> requested) {
    boolean hasTopLevelError = version >= 2;
    short groupError = group.errorCode();
    if (!hasTopLevelError && groupError != 0) {
      return new OffsetFetchResponseData().setTopics(failedPartitions(requested, groupError));
    }
    List<OffsetFetchResponseTopic> topics = new ArrayList<>();
    for (OffsetFetchResponseTopics topic : group.topics()) {
      List<OffsetFetchResponsePartition> partitions = new ArrayList<>();
      for (OffsetFetchResponsePartitions partition : topic.partitions()) {
        partitions.add(
            new OffsetFetchResponsePartition()
                .setPartitionIndex(partition.partitionIndex())
                .setCommittedOffset(partition.committedOffset())
                .setCommittedLeaderEpoch(version >= 5 ? partition.committedLeaderEpoch() : -1)
                .setMetadata(partition.metadata())
                .setErrorCode(partition.errorCode()));
      }
      topics.add(new OffsetFetchResponseTopic().setName(topic.name()).setPartitions(partitions));
    }
    OffsetFetchResponseData response = new OffsetFetchResponseData().setTopics(topics);
    return hasTopLevelError ? response.setErrorCode(groupError) : response;
  }

  private static List<OffsetFetchResponseTopic> failedPartitions(
      Map<String, List<Integer>> requested, short error) {
    List<OffsetFetchResponseTopic> topics = new ArrayList<>();
    if (requested == null) {
      return topics;
    }
    requested.forEach(
        (topic, partitions) -> {
          List<OffsetFetchResponsePartition> results = new ArrayList<>();
          for (int partition : partitions) {
            results.add(
                new OffsetFetchResponsePartition()
                    .setPartitionIndex(partition)
                    .setCommittedOffset(-1L)
                    .setMetadata("")
                    .setErrorCode(error));
          }
          topics.add(new OffsetFetchResponseTopic().setName(topic).setPartitions(results));
        });
    return topics;
  }
}
