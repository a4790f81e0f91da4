package dev.brook.e2e.nodeagent;

import java.time.Duration;
import java.util.List;

/** A started container: the process whose exit is the container's exit, and how to stop it. */
interface LaunchedContainer {

  /** Exits with the container's exit code; its output is the container's log. */
  Process process();

  /** The stop signal, SIGKILL after {@code gracePeriod}; returns once the container is gone. */
  void terminate(Duration gracePeriod);

  /** SIGKILL at once, as a machine loss would. */
  void kill();

  /** What the agent's log says it started. */
  default String description() {
    return process().info().commandLine().orElse("pid " + process().pid());
  }

  /** The command line that runs {@code command} inside the container (an exec probe). */
  List<String> execCommand(List<String> command);
}
