package dev.brook.e2e.nodeagent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PodStatusModelTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final ContainerState.Terminated EXIT_0 =
      new ContainerState.Terminated(0, "Completed", null, T0, T0);
  private static final ContainerState.Terminated EXIT_1 =
      new ContainerState.Terminated(1, "Error", null, T0, T0);

  @Test
  void shouldBePendingWhenAContainerHasNeverStarted() {
    assertThat(
            PodStatusModel.phase(
                List.of(
                    running("a"),
                    container(
                        "b",
                        new ContainerState.Waiting("ContainerCreating", null),
                        null,
                        0,
                        false))))
        .isEqualTo("Pending");
  }

  @Test
  void shouldBeRunningWhileAContainerWaitsForItsRestart() {
    ContainerSnapshot crashLooping =
        container("a", new ContainerState.Waiting("CrashLoopBackOff", null), EXIT_1, 1, true);

    assertThat(PodStatusModel.phase(List.of(crashLooping))).isEqualTo("Running");
  }

  @Test
  void shouldSucceedOnlyWhenEveryContainerExitedWithZero() {
    assertThat(PodStatusModel.phase(List.of(container("a", EXIT_0, null, 0, false))))
        .isEqualTo("Succeeded");
    assertThat(
            PodStatusModel.phase(
                List.of(
                    container("a", EXIT_0, null, 0, false),
                    container("b", EXIT_1, null, 0, false))))
        .isEqualTo("Failed");
  }

  @Test
  void shouldStayPendingWhileInitContainerRetriesAndFailWhenItFailedForGood() {
    assertThat(
            PodStatusModel.initPhase(
                List.of(
                    container(
                        "init",
                        new ContainerState.Waiting("CrashLoopBackOff", null),
                        EXIT_1,
                        1,
                        true))))
        .isEqualTo("Pending");
    assertThat(PodStatusModel.initPhase(List.of(container("init", EXIT_1, null, 0, false))))
        .isEqualTo("Failed");
  }

  private static ContainerSnapshot running(String name) {
    return container(name, new ContainerState.Running(T0), null, 0, false);
  }

  private static ContainerSnapshot container(
      String name,
      ContainerState state,
      ContainerState.Terminated last,
      int restarts,
      boolean restartPending) {
    return new ContainerSnapshot(
        name, "busybox", state, last, restarts, false, false, restartPending);
  }
}
