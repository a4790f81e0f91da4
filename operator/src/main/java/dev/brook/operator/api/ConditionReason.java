package dev.brook.operator.api;

/**
 * Machine-readable reasons of the conditions; each condition's message adds the human details. Argo
 * CD, Flux and alerting rules match on these names, so they are part of the API.
 */
public enum ConditionReason {
  /** Everything the spec asks for exists and was read back. */
  Reconciled,
  /** Owned objects are being created or a broker pod is starting. */
  Creating,
  /** Brokers are being restarted one at a time after a config or image change. */
  RollingRestart,
  /** A roll waits because a partition is not fully in sync. */
  WaitingForInSyncReplicas,
  /**
   * A voter waits to restart or leave: wanted voters have not joined the controller quorum yet, or
   * too few of the others are caught up for the quorum to keep its majority.
   */
  WaitingForQuorum,
  /** Voters are being added to or removed from the controller quorum. */
  ReconfiguringQuorum,
  /** A scale-down that would leave fewer brokers than a topic's replication factor. */
  ScaleDownRefused,
  /** A broker has been unavailable beyond the grace period and is fenced. */
  BrokerLost,
  /** Replicas of lost brokers are being moved to live brokers. */
  Healing,
  /** Replicas are being moved to even out brokers (after a scale-up or a broker's return). */
  Rebalancing,
  /** Replicas are being moved off the brokers a scale-down removes. */
  Draining,
  /** A drain did not finish within spec.healing.drainTimeout or cannot; nothing was deleted. */
  DrainFailed,
  /** Preferred leaders are being restored after moves. */
  ElectingLeaders,
  /** A spec field is invalid in a way the schema cannot express; the message names it. */
  InvalidSpec,
  /** The referenced Cluster does not exist in the resource's namespace. */
  ClusterNotFound,
  /** The referenced Cluster has no bootstrap address yet. */
  ClusterNotReady,
  /** The replication factor exceeds the number of live brokers. */
  ReplicationFactorTooLarge,
  /** Another resource of the same kind already manages this topic or group. */
  Conflict,
  /** Replicas are being added to or removed from a topic's partitions after an edit. */
  ChangingReplicationFactor,
  /** The Kafka Admin API failed or timed out; the operator retries with back-off. */
  KafkaUnavailable,
  /** An offset reset is waiting for the group's members to leave. */
  ResetWaitingForEmptyGroup,
  /** The offset reset with the status' requestId was applied. */
  ResetApplied,
  /** The {@code brook.dev/pause-reconciliation} annotation holds every change back. */
  ReconciliationPaused
}
