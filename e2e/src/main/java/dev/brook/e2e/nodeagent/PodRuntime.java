package dev.brook.e2e.nodeagent;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Services shared by every pod of the agent.
 *
 * @param launchers the local programs that stand in for images the engine does not have
 * @param engine the container engine for images in its local store, if the agent uses one
 * @param scheduler probes, restart back-off and process-exit handling (short tasks only)
 * @param blocking tasks that wait, such as a pod's termination grace period
 * @param hostsFile the pods' DNS names, which every container's JVM resolves through
 */
record PodRuntime(
    EnvResolver envResolver,
    PodVolumes volumes,
    ImageLaunchers launchers,
    Optional<ContainerEngine> engine,
    ScheduledExecutorService scheduler,
    Executor blocking,
    Duration initialBackoff,
    Duration maxBackoff,
    PodHostsFile hostsFile) {

  /** The engine for an image in its local store, else a local process. */
  ContainerLauncher launcherFor(String image) {
    return engine
        .filter(candidate -> candidate.hasImage(image))
        .<ContainerLauncher>map(candidate -> new EngineLauncher(candidate, hostsFile))
        .orElseGet(() -> new LocalProcessLauncher(launchers, hostsFile));
  }
}
