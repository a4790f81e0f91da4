package dev.brook.operator.status;

import dev.brook.operator.api.ConditionReason;
import java.time.Duration;

/**
 * How one reconciliation ended: the condition reason and message to report, and when to look again.
 * Problems that only a spec change can fix wait long ({@link #SPEC_PROBLEM_RETRY}), so an invalid
 * resource costs one reconciliation per interval instead of a hot loop.
 */
public record Outcome(ConditionReason reason, String message, Duration recheckAfter) {

  /** Periodic refresh of a healthy resource: its status shows live leaders, lag and members. */
  public static final Duration REFRESH = Duration.ofSeconds(30);

  /** A dependency that is coming up (cluster starting, broker unreachable). */
  public static final Duration TRANSIENT_RETRY = Duration.ofSeconds(10);

  /**
   * Partition moves in flight: a batch of small partitions settles in a second or two, and the next
   * batch starts only when the operator looks again.
   */
  public static final Duration MOVES_POLL = Duration.ofSeconds(2);

  /** Wrong as written; a spec edit triggers a reconciliation anyway. */
  public static final Duration SPEC_PROBLEM_RETRY = Duration.ofMinutes(2);

  public static Outcome reconciled(String message) {
    return new Outcome(ConditionReason.Reconciled, message, REFRESH);
  }

  public static Outcome transientProblem(ConditionReason reason, String message) {
    return new Outcome(reason, message, TRANSIENT_RETRY);
  }

  /** Partition moves are running; looked at again soon to start the next batch. */
  public static Outcome moving(ConditionReason reason, String message) {
    return new Outcome(reason, message, MOVES_POLL);
  }

  public static Outcome specProblem(ConditionReason reason, String message) {
    return new Outcome(reason, message, SPEC_PROBLEM_RETRY);
  }
}
