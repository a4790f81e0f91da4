package dev.brook.broker.replication;

import dev.brook.broker.log.LeaderEpochCache.EpochEndOffset;
import dev.brook.broker.log.Log;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.message.FetchResponseData.PartitionData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.MemoryRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies one partition of a leader's Fetch answer to the follower's log: truncation to a diverging
 * epoch, a restart at the leader's log start when the follower fell below it, or the records
 * followed by the leader's high watermark and then its log start offset.
 *
 * <p>The order of the last two matters (Kafka's ReplicaFetcherThread keeps it too): the log start
 * offset may only rise to the follower's own high watermark, so the high watermark moves first. The
 * follower's new high watermark, min(leader HW, follower LEO), is then at least the leader's log
 * start whenever the follower's log reaches it, because the leader's log start never exceeds the
 * leader's high watermark. Called under the partition's lock by the fetcher thread.
 */
final class FollowerUpdate {

  private static final Logger log = LoggerFactory.getLogger(FollowerUpdate.class);

  private FollowerUpdate() {}

  /**
   * @return false when the partition should back off (an error the next fetch may clear)
   */
  static boolean apply(TopicPartition tp, int leaderId, Log local, PartitionData data) {
    Errors error = Errors.forCode(data.errorCode());
    if (error == Errors.OFFSET_OUT_OF_RANGE) {
      resetToLeaderStart(tp, leaderId, local, data.logStartOffset());
      return true;
    }
    if (error != Errors.NONE) {
      log.debug("fetch of {} from broker {}: {}", tp, leaderId, error);
      return false;
    }
    if (data.divergingEpoch().epoch() >= 0) {
      truncateToDivergence(tp, leaderId, local, data.divergingEpoch());
      return true;
    }
    MemoryRecords records = (MemoryRecords) data.records();
    if (records != null && records.sizeInBytes() > 0) {
      local.appendAsFollower(records);
    }
    long highWatermark = Math.min(data.highWatermark(), local.logEndOffset());
    if (highWatermark > local.highWatermark()) {
      local.updateHighWatermark(highWatermark);
    }
    if (data.logStartOffset() > local.logStartOffset()
        && data.logStartOffset() <= local.highWatermark()) {
      local.maybeIncrementLogStartOffset(data.logStartOffset());
    }
    return true;
  }

  private static void truncateToDivergence(
      TopicPartition tp, int leaderId, Log local, FetchResponseData.EpochEndOffset leaderEnd) {
    EpochEndOffset localEnd = local.endOffsetForEpoch(leaderEnd.epoch());
    long target = Math.min(leaderEnd.endOffset(), local.logEndOffset());
    if (localEnd.epoch() == leaderEnd.epoch()) {
      target = Math.min(target, localEnd.endOffset());
    }
    target = Math.max(target, local.logStartOffset());
    log.info(
        "{}: log diverges from leader {} after epoch {}; truncating from {} to {}",
        tp,
        leaderId,
        leaderEnd.epoch(),
        local.logEndOffset(),
        target);
    local.truncateTo(target);
  }

  private static void resetToLeaderStart(
      TopicPartition tp, int leaderId, Log local, long leaderStartOffset) {
    if (leaderStartOffset > local.logEndOffset()) {
      log.info(
          "{}: behind leader {}'s log start {}; starting over there",
          tp,
          leaderId,
          leaderStartOffset);
      local.truncateFullyAndStartAt(leaderStartOffset);
    }
  }
}
