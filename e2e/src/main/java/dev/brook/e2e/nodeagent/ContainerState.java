package dev.brook.e2e.nodeagent;

import java.time.Instant;

/** The kubelet's container states, as reported in {@code status.containerStatuses[].state}. */
sealed interface ContainerState {

  record Waiting(String reason, String message) implements ContainerState {}

  record Running(Instant startedAt) implements ContainerState {}

  record Terminated(
      int exitCode, String reason, String message, Instant startedAt, Instant finishedAt)
      implements ContainerState {}
}
