/**
 * The metadata quorum on Apache Ratis: the voters' Raft log as a metadata journal, the state
 * machine that applies it and takes snapshots, broker-only nodes following it as observers, and
 * {@link dev.brook.broker.raft.MetadataQuorum}, which wires a node's part of it together.
 */
package dev.brook.broker.raft;
