package dev.brook.operator.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConditionsTest {

  @Test
  void shouldSetReadyOnlyWhenReconciled() {
    List<Condition> conditions = Conditions.outcome(null, ConditionReason.Reconciled, "ok", 3L);

    assertThat(Conditions.isTrue(conditions, ConditionType.Ready)).isTrue();
    assertThat(Conditions.isTrue(conditions, ConditionType.Progressing)).isFalse();
    assertThat(Conditions.isTrue(conditions, ConditionType.Degraded)).isFalse();
    assertThat(conditions).allSatisfy(c -> assertThat(c.getObservedGeneration()).isEqualTo(3L));
  }

  @Test
  void shouldMarkDegradedWhenSpecCannotBeReached() {
    List<Condition> conditions =
        Conditions.outcome(null, ConditionReason.ReplicationFactorTooLarge, "rf", 1L);

    assertThat(Conditions.isTrue(conditions, ConditionType.Degraded)).isTrue();
    assertThat(Conditions.find(conditions, ConditionType.Degraded).orElseThrow().getReason())
        .isEqualTo("ReplicationFactorTooLarge");
  }

  @Test
  void shouldKeepTransitionTimeWhenStatusValueIsUnchanged() {
    List<Condition> first = Conditions.outcome(null, ConditionReason.Reconciled, "ok", 1L);
    first.forEach(c -> c.setLastTransitionTime("2020-01-01T00:00:00Z"));

    List<Condition> second = Conditions.outcome(first, ConditionReason.Reconciled, "ok", 2L);

    assertThat(second)
        .allSatisfy(c -> assertThat(c.getLastTransitionTime()).isEqualTo("2020-01-01T00:00:00Z"));
  }
}
