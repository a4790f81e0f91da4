package dev.brook.broker.replication;

/** Follower fetch settings, Kafka's {@code replica.*} keys. */
public record ReplicaFetchSettings(
    int maxWaitMs,
    int minBytes,
    int partitionMaxBytes,
    int responseMaxBytes,
    int backoffMs,
    int socketTimeoutMs,
    long lagTimeMaxMs,
    String listenerName) {}
