package dev.brook.operator.events;

import dev.brook.operator.api.ConditionReason;
import dev.brook.operator.api.ConditionType;
import dev.brook.operator.api.Conditions;
import dev.brook.operator.status.Outcome;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An Event each time a resource's Ready reason changes: Warning when the new reason leaves it
 * degraded (a refused scale-down, a failed drain, an invalid spec), Normal for progress and for
 * being reconciled again. Message changes within one reason (a move's progress) are status, not
 * Events.
 */
public final class ReadyTransitions {

  private ReadyTransitions() {}

  public static void announce(
      EventPublisher events, HasMetadata about, List<Condition> previous, Outcome outcome) {
    Optional<String> before =
        Conditions.find(previous, ConditionType.Ready).map(Condition::getReason);
    if (!Objects.equals(before.orElse(null), outcome.reason().name())) {
      events.publish(about, typeOf(outcome.reason()), outcome.reason().name(), outcome.message());
    }
  }

  static EventType typeOf(ConditionReason reason) {
    boolean healthy =
        reason == ConditionReason.Reconciled
            || reason == ConditionReason.ResetApplied
            || Conditions.isTransient(reason);
    return healthy ? EventType.Normal : EventType.Warning;
  }
}
