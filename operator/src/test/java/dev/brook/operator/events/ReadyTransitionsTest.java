package dev.brook.operator.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brook.operator.api.ConditionReason;
import dev.brook.operator.api.Topic;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import org.junit.jupiter.api.Test;

class ReadyTransitionsTest {

  @Test
  void degradingReasonsAreWarningsAndProgressIsNormal() {
    assertThat(ReadyTransitions.typeOf(ConditionReason.DrainFailed)).isEqualTo(EventType.Warning);
    assertThat(ReadyTransitions.typeOf(ConditionReason.ScaleDownRefused))
        .isEqualTo(EventType.Warning);
    assertThat(ReadyTransitions.typeOf(ConditionReason.InvalidSpec)).isEqualTo(EventType.Warning);
    assertThat(ReadyTransitions.typeOf(ConditionReason.Draining)).isEqualTo(EventType.Normal);
    assertThat(ReadyTransitions.typeOf(ConditionReason.Reconciled)).isEqualTo(EventType.Normal);
  }

  @Test
  void repeatsShareAnEventNameAndAnythingElseGetsItsOwn() {
    Topic topic = new Topic();
    topic.setMetadata(new ObjectMetaBuilder().withName("orders").withUid("u-1").build());
    String name = EventPublisher.eventName(topic, EventType.Warning, "InvalidSpec", "bad");

    assertThat(name).startsWith("orders.").hasSize("orders.".length() + 16);
    assertThat(EventPublisher.eventName(topic, EventType.Warning, "InvalidSpec", "bad"))
        .isEqualTo(name);
    assertThat(EventPublisher.eventName(topic, EventType.Warning, "InvalidSpec", "worse"))
        .isNotEqualTo(name);
    assertThat(EventPublisher.eventName(topic, EventType.Normal, "InvalidSpec", "bad"))
        .isNotEqualTo(name);
  }
}
