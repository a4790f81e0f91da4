package dev.brook.broker.replication;

/**
 * What the leader knows of one follower replica, from its fetches. A follower is caught up when it
 * fetched from at least the leader's log end offset as of its previous fetch; {@code
 * lastCaughtUpTimeMs} drives ISR shrinking after {@code replica.lag.time.max.ms}.
 *
 * <p>Guarded by the owning {@link Partition}'s lock.
 */
final class FollowerState {

  static final long UNKNOWN = -1;

  private long logEndOffset = UNKNOWN;
  private long lastCaughtUpTimeMs;
  private long lastFetchLeaderLogEndOffset = UNKNOWN;
  private long lastFetchTimeMs;

  FollowerState(long nowMs) {
    this.lastCaughtUpTimeMs = nowMs;
  }

  void onFetch(long fetchOffset, long leaderLogEndOffset, long nowMs) {
    if (fetchOffset >= leaderLogEndOffset) {
      lastCaughtUpTimeMs = Math.max(lastCaughtUpTimeMs, nowMs);
    } else if (fetchOffset >= lastFetchLeaderLogEndOffset) {
      lastCaughtUpTimeMs = Math.max(lastCaughtUpTimeMs, lastFetchTimeMs);
    }
    logEndOffset = fetchOffset;
    lastFetchLeaderLogEndOffset = leaderLogEndOffset;
    lastFetchTimeMs = nowMs;
  }

  long logEndOffset() {
    return logEndOffset;
  }

  long lastCaughtUpTimeMs() {
    return lastCaughtUpTimeMs;
  }
}
