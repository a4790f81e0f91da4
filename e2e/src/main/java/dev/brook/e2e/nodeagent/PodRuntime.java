package dev.brook.e2e.nodeagent;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Services shared by every pod of the agent.
 *
 * @param scheduler probes, restart back-off and process-exit handling (short tasks only)
 * @param blocking tasks that wait, such as a pod's termination grace period
 * @param hostsFile the pods' DNS names, which every container's JVM resolves through
 */
record PodRuntime(
    EnvResolver envResolver,
    PodVolumes volumes,
    ImageLaunchers launchers,
    ScheduledExecutorService scheduler,
    Executor blocking,
    Duration initialBackoff,
    Duration maxBackoff,
    PodHostsFile hostsFile) {}
