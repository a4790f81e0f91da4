package dev.brook.placement;

/**
 * The requested placement cannot meet one of the placement rules. Permanent for the given inputs:
 * retrying with the same cluster and assignment fails the same way; it can succeed once brokers
 * join or the request changes.
 */
public final class PlacementException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** The rule that cannot be met; callers map it to a protocol error code. */
  public enum Rule {
    /** The replication factor is below one (Kafka: INVALID_REPLICATION_FACTOR). */
    REPLICATION_FACTOR_AT_LEAST_ONE,
    /** No broker may hold two replicas of one partition (Kafka: INVALID_REPLICATION_FACTOR). */
    DISTINCT_BROKERS,
    /** Partition counts must be positive and may only grow (Kafka: INVALID_PARTITIONS). */
    PARTITION_COUNT,
    /** A topic to create must not have partitions yet (Kafka: TOPIC_ALREADY_EXISTS). */
    NEW_TOPIC,
    /** A topic to extend must have partitions (Kafka: UNKNOWN_TOPIC_OR_PARTITION). */
    EXISTING_TOPIC,
    /** A broker named by the request is not part of the cluster view. */
    KNOWN_BROKER
  }

  private final Rule rule;

  public PlacementException(Rule rule, String message) {
    super(rule + ": " + message);
    this.rule = rule;
  }

  public Rule rule() {
    return rule;
  }
}
