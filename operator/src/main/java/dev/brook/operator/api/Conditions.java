package dev.brook.operator.api;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Builds the condition list of a status. A condition keeps its {@code lastTransitionTime} while its
 * status value stays the same, so that a periodic refresh does not rewrite it (and so does not
 * produce a status change per refresh).
 */
public final class Conditions {

  private Conditions() {}

  /**
   * Returns {@code previous} with {@code type} set to the given values, keeping the transition time
   * when the status value did not change.
   */
  public static List<Condition> set(
      List<Condition> previous,
      ConditionType type,
      boolean status,
      ConditionReason reason,
      String message,
      Long observedGeneration) {
    List<Condition> next = new ArrayList<>();
    Optional<Condition> old = find(previous, type);
    String statusValue = status ? "True" : "False";
    String transition =
        old.filter(c -> statusValue.equals(c.getStatus()))
            .map(Condition::getLastTransitionTime)
            .orElseGet(() -> Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    if (previous != null) {
      previous.stream().filter(c -> !type.name().equals(c.getType())).forEach(next::add);
    }
    next.add(
        new ConditionBuilder()
            .withType(type.name())
            .withStatus(statusValue)
            .withReason(reason.name())
            .withMessage(message)
            .withObservedGeneration(observedGeneration)
            .withLastTransitionTime(transition)
            .build());
    next.sort(
        (a, b) -> ConditionType.valueOf(a.getType()).compareTo(ConditionType.valueOf(b.getType())));
    return next;
  }

  /**
   * The three standard conditions for one outcome: Ready when {@code reason} is {@link
   * ConditionReason#Reconciled}, Progressing when it is transient, Degraded otherwise.
   */
  public static List<Condition> outcome(
      List<Condition> previous, ConditionReason reason, String message, Long generation) {
    previous = without(previous, ConditionType.ReconciliationPaused);
    boolean ready = reason == ConditionReason.Reconciled || reason == ConditionReason.ResetApplied;
    boolean progressing = isTransient(reason);
    List<Condition> next = set(previous, ConditionType.Ready, ready, reason, message, generation);
    next =
        set(
            next,
            ConditionType.Progressing,
            progressing,
            progressing ? reason : ConditionReason.Reconciled,
            progressing ? message : "",
            generation);
    boolean degraded = !ready && !progressing;
    return set(
        next,
        ConditionType.Degraded,
        degraded,
        degraded ? reason : ConditionReason.Reconciled,
        degraded ? message : "",
        generation);
  }

  /** {@code conditions} without the condition of {@code type}. */
  public static List<Condition> without(List<Condition> conditions, ConditionType type) {
    if (conditions == null) {
      return null;
    }
    return conditions.stream().filter(c -> !type.name().equals(c.getType())).toList();
  }

  public static boolean isTransient(ConditionReason reason) {
    return switch (reason) {
      case Creating,
          RollingRestart,
          WaitingForInSyncReplicas,
          ClusterNotReady,
          KafkaUnavailable,
          ResetWaitingForEmptyGroup,
          Healing,
          Rebalancing,
          Draining,
          ChangingReplicationFactor,
          ElectingLeaders ->
          true;
      default -> false;
    };
  }

  public static Optional<Condition> find(List<Condition> conditions, ConditionType type) {
    if (conditions == null) {
      return Optional.empty();
    }
    return conditions.stream().filter(c -> Objects.equals(type.name(), c.getType())).findFirst();
  }

  public static boolean isTrue(List<Condition> conditions, ConditionType type) {
    return find(conditions, type).map(c -> "True".equals(c.getStatus())).orElse(false);
  }
}
