package dev.brook.compat;

/** The broker set-ups every client is run against. */
enum Topology {
  /** One process holding the broker and controller roles. */
  SINGLE_NODE(1),
  /** Three broker+controller processes forming one Raft quorum; topics replicated three ways. */
  THREE_NODES(3);

  private final int nodes;

  Topology(int nodes) {
    this.nodes = nodes;
  }

  int nodes() {
    return nodes;
  }

  /** The replication factor a client gives the topics it creates: every node holds a replica. */
  int replicationFactor() {
    return nodes;
  }
}
