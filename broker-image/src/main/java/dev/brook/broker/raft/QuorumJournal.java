package dev.brook.broker.raft;

import dev.brook.broker.controller.ControllerLeadership;
import dev.brook.broker.metadata.MetadataJournal;
import java.time.Duration;
import java.util.OptionalInt;

/**
 * The metadata journal of a node in a multi-node cluster: a voter's replica of the Raft log ({@link
 * RatisMetadataJournal}) or a broker-only node following it ({@link ObserverMetadataJournal}).
 */
public interface QuorumJournal extends MetadataJournal, ControllerLeadership {

  /**
   * Waits (at most {@code timeout}) until this node has applied the metadata committed when it
   * started, so that its logs start from the cluster's metadata, not from nothing. Returns whether
   * it caught up.
   */
  boolean awaitReplay(Duration timeout) throws InterruptedException;

  /** The node id of the active controller, if one is known. */
  OptionalInt leaderId();

  /**
   * Whether this node still takes part in the metadata log. A voter whose Raft server closed on an
   * error no longer follows it while the process goes on serving a stale image: such a node is not
   * live, and its liveness probe restarts it.
   */
  default boolean isFollowing() {
    return true;
  }
}
