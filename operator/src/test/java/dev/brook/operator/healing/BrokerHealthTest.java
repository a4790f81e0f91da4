package dev.brook.operator.healing;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BrokerHealthTest {

  private static final Duration GRACE = Duration.ofMinutes(2);
  private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

  @Test
  void shouldCallAReadyPodOnAReadyNodeAvailable() {
    Map<Integer, BrokerAvailability> health =
        assess(Map.of(0, pod("n1", true)), Map.of("n1", node("n1", true)), Map.of(), Set.of(0));

    assertThat(health.get(0).available()).isTrue();
    assertThat(health.get(0).lost()).isFalse();
  }

  @Test
  void shouldStartTheGracePeriodWhenTheNodeStopsBeingReady() {
    Map<Integer, BrokerAvailability> health =
        assess(Map.of(0, pod("n1", true)), Map.of("n1", node("n1", false)), Map.of(), Set.of());

    assertThat(health.get(0).reason()).hasValue("node n1 is not ready");
    assertThat(health.get(0).since()).hasValue(NOW);
    assertThat(health.get(0).lost()).as("fenced, but within the grace period").isFalse();
  }

  @Test
  void shouldDeclareLostOnlyWhenFencedAfterTheGracePeriod() {
    Map<Integer, BrokerAvailability> before =
        Map.of(0, unavailable("node n1 is not ready", NOW.minus(GRACE), false));
    Map<Integer, Pod> pods = Map.of(0, pod("n1", true));
    Map<String, Node> nodes = Map.of("n1", node("n1", false));

    assertThat(assess(pods, nodes, before, Set.of(0)).get(0).lost())
        .as("the controller still hears from the broker")
        .isFalse();
    assertThat(assess(pods, nodes, before, Set.of()).get(0).lost()).isTrue();
  }

  @Test
  void shouldKeepTheReasonALostBrokerWasLostForWhileItsPodIsReplaced() {
    Map<Integer, BrokerAvailability> before =
        Map.of(0, unavailable("node n1 is not ready", NOW.minus(GRACE), true));

    BrokerAvailability replaced =
        assess(Map.of(), Map.of("n1", node("n1", false)), before, Set.of()).get(0);

    assertThat(replaced.lost()).isTrue();
    assertThat(replaced.reason()).hasValue("node n1 is not ready");
    assertThat(replaced.since()).hasValue(NOW.minus(GRACE));
  }

  @Test
  void shouldNeverDeclareLostWhenHealingIsDisabled() {
    Map<Integer, BrokerAvailability> before =
        Map.of(0, unavailable("pod missing", NOW.minus(Duration.ofDays(1)), false));

    BrokerAvailability broker =
        BrokerHealth.assess(
                Set.of(0), Map.of(), Map.of(), before, Optional.of(Set.of()), Duration.ZERO, NOW)
            .get(0);

    assertThat(broker.available()).isFalse();
    assertThat(broker.lost()).isFalse();
  }

  @Test
  void shouldDeclareNoBrokerLostWhenTheClusterCannotBeAsked() {
    Map<Integer, BrokerAvailability> before =
        Map.of(0, unavailable("pod missing", NOW.minus(GRACE), false));

    BrokerAvailability broker =
        BrokerHealth.assess(Set.of(0), Map.of(), Map.of(), before, Optional.empty(), GRACE, NOW)
            .get(0);

    assertThat(broker.lost()).isFalse();
  }

  @Test
  void shouldForgetTheLossOnceTheBrokerServesAgain() {
    Map<Integer, BrokerAvailability> before =
        Map.of(0, unavailable("node n1 is not ready", NOW.minus(GRACE), true));

    BrokerAvailability back =
        assess(Map.of(0, pod("n2", true)), Map.of("n2", node("n2", true)), before, Set.of(0))
            .get(0);

    assertThat(back.available()).isTrue();
    assertThat(back.since()).isEmpty();
    assertThat(back.lost()).isFalse();
  }

  private static Map<Integer, BrokerAvailability> assess(
      Map<Integer, Pod> pods,
      Map<String, Node> nodes,
      Map<Integer, BrokerAvailability> before,
      Set<Integer> live) {
    return BrokerHealth.assess(Set.of(0), pods, nodes, before, Optional.of(live), GRACE, NOW);
  }

  private static BrokerAvailability unavailable(String reason, Instant since, boolean lost) {
    return new BrokerAvailability(0, Optional.of(reason), Optional.of(since), lost);
  }

  private static Pod pod(String node, boolean ready) {
    return new PodBuilder()
        .withNewMetadata()
        .withName("c-broker-0")
        .endMetadata()
        .withNewSpec()
        .withNodeName(node)
        .endSpec()
        .withNewStatus()
        .withPhase("Running")
        .addNewCondition()
        .withType("Ready")
        .withStatus(ready ? "True" : "False")
        .endCondition()
        .endStatus()
        .build();
  }

  private static Node node(String name, boolean ready) {
    return new NodeBuilder()
        .withNewMetadata()
        .withName(name)
        .endMetadata()
        .withNewStatus()
        .addNewCondition()
        .withType("Ready")
        .withStatus(ready ? "True" : "False")
        .endCondition()
        .endStatus()
        .build();
  }
}
