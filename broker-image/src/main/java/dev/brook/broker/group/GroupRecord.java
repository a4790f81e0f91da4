package dev.brook.broker.group;

import java.util.List;
import org.apache.kafka.common.TopicPartition;

/**
 * A record of group state in {@code __consumer_offsets}: the latest record per key wins on replay,
 * and a record without value (a tombstone) deletes the key.
 */
sealed interface GroupRecord {

  String groupId();

  /** The committed offset of one partition, or its deletion when {@code offset} is null. */
  record OffsetCommit(String groupId, TopicPartition topicPartition, CommittedOffset offset)
      implements GroupRecord {}

  /** The membership of a group after a rebalance, or its deletion when {@code value} is null. */
  record GroupMetadata(String groupId, GroupMetadataValue value) implements GroupRecord {}

  /**
   * A group's persisted membership. Each member carries only the metadata of the selected protocol
   * (its subscription), like Kafka's GroupMetadataValue.
   */
  record GroupMetadataValue(
      String protocolType,
      int generationId,
      String protocolName,
      String leaderId,
      long currentStateTimestampMs,
      List<MemberValue> members) {}

  /** One persisted member. */
  record MemberValue(
      String memberId,
      String groupInstanceId,
      String clientId,
      String clientHost,
      int rebalanceTimeoutMs,
      int sessionTimeoutMs,
      byte[] subscription,
      byte[] assignment) {}
}
