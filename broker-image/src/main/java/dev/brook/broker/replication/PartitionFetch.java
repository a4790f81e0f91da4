package dev.brook.broker.replication;

/**
 * What a fetch asks of one partition. {@code lastFetchedEpoch} (-1 when unknown) lets a follower's
 * fetch detect a log that diverged from the leader's.
 */
public record PartitionFetch(
    long fetchOffset, int maxBytes, int currentLeaderEpoch, int lastFetchedEpoch) {}
