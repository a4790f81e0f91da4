package dev.brook.broker.api;

/**
 * Who this cluster and this broker are, as clients see them. {@code controllerId} is the broker
 * that routes controller-bound admin requests (CreateTopics, DeleteTopics, ...).
 */
public record ClusterIdentity(
    String clusterId, int brokerId, java.util.function.IntSupplier controllerId) {}
