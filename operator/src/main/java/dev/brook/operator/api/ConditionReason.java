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
  /** Fewer replicas were asked for than exist; draining is not implemented yet. */
  ScaleDownRefused,
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
  /** The existing topic differs from the spec in a way that cannot be changed in place. */
  ImmutableFieldChanged,
  /** The Kafka Admin API failed or timed out; the operator retries with back-off. */
  KafkaUnavailable,
  /** An offset reset is waiting for the group's members to leave. */
  ResetWaitingForEmptyGroup,
  /** The offset reset with the status' requestId was applied. */
  ResetApplied
}
