package dev.brook.operator.api;

/** The condition types every Brook resource reports, in the Kubernetes API conventions' sense. */
public enum ConditionType {
  /** The resource is in the state its spec asks for and usable. */
  Ready,
  /** The operator is acting to reach the spec (creating, rolling, waiting for a dependency). */
  Progressing,
  /** The spec cannot be reached as written; the reason says which field or fact stops it. */
  Degraded,
  /**
   * True while the {@code brook.dev/pause-reconciliation} annotation is set: the operator changes
   * nothing, and the other conditions are as last seen. Absent otherwise.
   */
  ReconciliationPaused
}
