package dev.brook.placement;

/** Validation of placement requests, with messages that name the broken rule. */
final class Requests {

  private Requests() {}

  static void checkPartitionCount(String topic, int partitions) {
    if (partitions < 1) {
      throw new PlacementException(
          PlacementException.Rule.PARTITION_COUNT,
          "topic " + topic + ": partition count must be at least 1, got " + partitions);
    }
  }

  static void checkReplicationFactor(String topic, int replicationFactor, ClusterView cluster) {
    if (replicationFactor < 1) {
      throw new PlacementException(
          PlacementException.Rule.REPLICATION_FACTOR_AT_LEAST_ONE,
          "topic " + topic + ": replication factor must be at least 1, got " + replicationFactor);
    }
    if (replicationFactor > cluster.size()) {
      throw new PlacementException(
          PlacementException.Rule.DISTINCT_BROKERS,
          "topic "
              + topic
              + ": replication factor "
              + replicationFactor
              + " exceeds the "
              + cluster.size()
              + " usable brokers "
              + cluster.brokerIds()
              + ", and no broker may hold two replicas of one partition");
    }
  }
}
