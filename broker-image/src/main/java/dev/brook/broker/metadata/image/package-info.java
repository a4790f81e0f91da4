/**
 * Immutable snapshots of the cluster metadata at one log offset: registered brokers with their
 * dynamic configs, topics, partitions (replicas, ISR, leader, epochs, reassignments) and the
 * producer-id high-water mark.
 */
package dev.brook.broker.metadata.image;
