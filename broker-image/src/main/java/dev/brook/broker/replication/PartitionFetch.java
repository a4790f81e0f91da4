package dev.brook.broker.replication;

/** What a fetch asks of one partition. */
public record PartitionFetch(long fetchOffset, int maxBytes, int currentLeaderEpoch) {}
