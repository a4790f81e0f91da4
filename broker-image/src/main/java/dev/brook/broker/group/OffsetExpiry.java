package dev.brook.broker.group;

import dev.brook.broker.group.GroupRecord.OffsetCommit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Expires committed offsets every {@code offsets.retention.check.interval.ms}, with Kafka's rules
 * (KIP-211):
 *
 * <ol>
 *   <li>an offset committed with an explicit retention (OffsetCommit v2-4) expires at that time;
 *   <li>a group with a protocol type loses offsets only while Empty, {@code offsets.retention.ms}
 *       after it became Empty;
 *   <li>a group without protocol type (simple commits) loses each offset {@code
 *       offsets.retention.ms} after its commit;
 *   <li>offsets of topics the group still subscribes to never expire;
 *   <li>an Empty group left without offsets is deleted.
 * </ol>
 *
 * Expired offsets and deleted groups are written as tombstones.
 */
final class OffsetExpiry {
  private static final Logger LOG = LoggerFactory.getLogger(OffsetExpiry.class);

  private final GroupCoordinatorConfig config;
  private final Time time;
  private final GroupRegistry registry;
  private final GroupWriter writer;
  private final GroupDeletion deletion;

  OffsetExpiry(
      GroupCoordinatorConfig config,
      Time time,
      GroupRegistry registry,
      GroupWriter writer,
      GroupDeletion deletion) {
    this.config = config;
    this.time = time;
    this.registry = registry;
    this.writer = writer;
    this.deletion = deletion;
  }

  void run() {
    for (ClassicGroup group : List.copyOf(registry.all())) {
      if (!registry.isActive(group.partition())) {
        continue;
      }
      try {
        expire(group);
      } catch (RuntimeException e) {
        // One broken group must not stop the periodic task for all others.
        LOG.error("Offset expiry failed for group {}", group.groupId(), e);
      }
    }
  }

  private void expire(ClassicGroup group) {
    synchronized (group) {
      if (group.isInState(GroupState.DEAD)) {
        return;
      }
      Map<TopicPartition, CommittedOffset> expired = expiredOffsets(group, time.milliseconds());
      boolean deleteGroup =
          group.isInState(GroupState.EMPTY)
              && !group.hasPendingMembers()
              && !group.hasPendingCommits()
              && expired.size() == group.offsets().size();
      if (deleteGroup) {
        LOG.info(
            "Deleting group {}: empty, with {} expired offsets", group.groupId(), expired.size());
        deletion.deleteGroup(group.groupId());
      } else if (!expired.isEmpty()) {
        removeOffsets(group, expired);
      }
    }
  }

  private void removeOffsets(ClassicGroup group, Map<TopicPartition, CommittedOffset> expired) {
    List<GroupRecord> tombstones = new ArrayList<>();
    expired.keySet().forEach(tp -> tombstones.add(new OffsetCommit(group.groupId(), tp, null)));
    writer
        .append(group.partition(), tombstones)
        .thenAccept(
            error -> {
              if (error != Errors.NONE) {
                LOG.warn("Failed to expire offsets of group {}: {}", group.groupId(), error);
                return;
              }
              synchronized (group) {
                // An offset committed again meanwhile is a new value and stays.
                expired.forEach((tp, offset) -> group.offsets().remove(tp, offset));
              }
              LOG.info("Expired {} offsets of group {}", expired.size(), group.groupId());
            });
  }

  private Map<TopicPartition, CommittedOffset> expiredOffsets(ClassicGroup group, long nowMs) {
    Map<TopicPartition, CommittedOffset> expired = new LinkedHashMap<>();
    boolean simple = group.protocolType() == null || group.protocolType().isEmpty();
    if (!simple && !group.isInState(GroupState.EMPTY)) {
      return expired;
    }
    for (Map.Entry<TopicPartition, CommittedOffset> entry : group.offsets().entrySet()) {
      CommittedOffset offset = entry.getValue();
      if (GroupSubscriptions.isSubscribed(group, entry.getKey().topic())) {
        continue;
      }
      boolean isExpired;
      if (offset.expireTimestampMs() != CommittedOffset.NO_EXPIRE_TIMESTAMP) {
        isExpired = nowMs >= offset.expireTimestampMs();
      } else {
        long baseMs = simple ? offset.commitTimestampMs() : group.currentStateTimestampMs();
        isExpired = nowMs - baseMs >= config.offsetsRetentionMs();
      }
      if (isExpired) {
        expired.put(entry.getKey(), offset);
      }
    }
    return expired;
  }
}
