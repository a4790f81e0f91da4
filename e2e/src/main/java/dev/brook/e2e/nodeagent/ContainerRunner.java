package dev.brook.e2e.nodeagent;

import io.fabric8.kubernetes.api.model.Container;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one container of a pod across restarts, as a local process or in a container engine ({@link
 * PodRuntime#launcherFor}).
 *
 * <pre>
 *   Waiting(ContainerCreating) --start--> Running --exit--> Terminated       (no restart)
 *                                          ^  |              \--> Waiting(CrashLoopBackOff)
 *                                          |  |                     --back-off--> Running
 *                  liveness failure: SIGTERM the process tree; the exit path above applies
 * </pre>
 *
 * A start that cannot happen yet (missing ConfigMap, unknown image) leaves the container Waiting
 * with the kubelet's reason and is retried with the same back-off. Output goes to {@code
 * <logDirectory>/<container>.log}, appended across restarts. Thread-safety: all state changes are
 * synchronized on this runner; {@code onChange} is called outside the lock.
 */
final class ContainerRunner {

  private static final Logger LOG = LoggerFactory.getLogger(ContainerRunner.class);

  private final Container container;
  private final boolean init;
  private final PodEnvironment pod;
  private final PodRuntime runtime;
  private final Runnable onChange;
  private ContainerState state = new ContainerState.Waiting("ContainerCreating", null);
  private ContainerState.Terminated lastTermination;
  private int restartCount;
  private int crashesInRow;
  private boolean ready;
  private boolean stopping;
  private LaunchedContainer launched;
  private ScheduledFuture<?> pendingStart;
  private boolean started;
  private boolean launchRequested;
  private ContainerProbes probes;

  /**
   * @param init an init container: it restarts only after a failure, and never under restartPolicy
   *     Never
   * @param onChange called, never under this runner's lock, after every state change
   */
  ContainerRunner(
      Container container,
      boolean init,
      PodEnvironment pod,
      PodRuntime runtime,
      int restartCount,
      Runnable onChange) {
    this.container = container;
    this.init = init;
    this.pod = pod;
    this.runtime = runtime;
    this.restartCount = restartCount;
    this.onChange = onChange;
  }

  String name() {
    return container.getName();
  }

  synchronized ContainerSnapshot snapshot() {
    return new ContainerSnapshot(
        container.getName(),
        container.getImage(),
        state,
        lastTermination,
        restartCount,
        ready,
        started,
        pendingStart != null && !pendingStart.isDone());
  }

  /** The process id of the running process, or -1. */
  synchronized long pid() {
    return isRunning(launched) ? launched.process().pid() : -1;
  }

  private static boolean isRunning(LaunchedContainer container) {
    return container != null && container.process().isAlive();
  }

  /** Shows why the container has not started yet, e.g. PodInitializing behind init containers. */
  synchronized void waitFor(String reason) {
    if (!launchRequested) {
      state = new ContainerState.Waiting(reason, null);
    }
  }

  synchronized boolean launchRequested() {
    return launchRequested;
  }

  void start() {
    ContainerProbes newProbes = null;
    synchronized (this) {
      launchRequested = true;
      if (stopping) {
        return;
      }
      try {
        newProbes = launch();
      } catch (ContainerStartException e) {
        state = new ContainerState.Waiting(e.reason(), e.getMessage());
        scheduleStart(backoff());
      } catch (RuntimeException e) {
        // E.g. the API server did not answer a ConfigMap look-up: retry like any failed start.
        LOG.warn("Cannot start container {} yet", container.getName(), e);
        state = new ContainerState.Waiting("CreateContainerError", e.toString());
        scheduleStart(backoff());
      }
    }
    // Outside the lock: probe callbacks re-enter this runner and then the pod supervisor.
    if (newProbes != null) {
      newProbes.start(runtime.scheduler());
    }
    onChange.run();
  }

  private ContainerProbes launch() {
    Map<String, String> env =
        runtime.envResolver().resolve(pod.pod(), container, pod.podIp(), pod.hostIp());
    ContainerLauncher launcher = runtime.launcherFor(container.getImage());
    LaunchedContainer running = launcher.launch(container, pod, env, restartCount);
    Instant startedAt = Instant.now();
    launched = running;
    state = new ContainerState.Running(startedAt);
    started = false;
    ready = false;
    probes = probesFor(running, env);
    Process process = running.process();
    process.onExit().thenRunAsync(() -> onExit(running, startedAt), runtime.scheduler());
    LOG.info(
        "Started container {} of pod {}/{} as pid {}: {}",
        container.getName(),
        pod.pod().getMetadata().getNamespace(),
        pod.pod().getMetadata().getName(),
        process.pid(),
        running.description());
    return probes;
  }

  private ContainerProbes probesFor(LaunchedContainer current, Map<String, String> env) {
    return new ContainerProbes(
        container,
        pod,
        env,
        current::execCommand,
        new ContainerProbes.Listener() {
          @Override
          public void started() {
            markStarted(current);
          }

          @Override
          public void readinessChanged(boolean passed) {
            setReady(current, passed);
          }

          @Override
          public void unhealthy(String probe) {
            killUnhealthy(current, probe);
          }
        });
  }

  private void markStarted(LaunchedContainer forProcess) {
    synchronized (this) {
      if (launched != forProcess || started) {
        return;
      }
      started = true;
    }
    onChange.run();
  }

  private void setReady(LaunchedContainer forProcess, boolean passed) {
    synchronized (this) {
      if (launched != forProcess || ready == passed) {
        return;
      }
      ready = passed;
    }
    onChange.run();
  }

  private void killUnhealthy(LaunchedContainer forProcess, String probe) {
    LOG.info("The {} probe of container {} failed, restarting it", probe, container.getName());
    runtime.blocking().execute(() -> forProcess.terminate(gracePeriod()));
  }

  private void onExit(LaunchedContainer exited, Instant startedAt) {
    synchronized (this) {
      if (launched != exited) {
        return;
      }
      stopProbes();
      ready = false;
      started = false;
      int exitCode = exited.process().exitValue();
      Instant finishedAt = Instant.now();
      ContainerState.Terminated terminated =
          new ContainerState.Terminated(
              exitCode, exitCode == 0 ? "Completed" : "Error", null, startedAt, finishedAt);
      state = terminated;
      LOG.info("Container {} exited with code {}", container.getName(), exitCode);
      if (!stopping && shouldRestart(exitCode)) {
        lastTermination = terminated;
        if (Duration.between(startedAt, finishedAt).compareTo(runtime.maxBackoff().multipliedBy(2))
            > 0) {
          crashesInRow = 0;
        }
        Duration delay = backoff();
        state =
            new ContainerState.Waiting(
                "CrashLoopBackOff",
                "back-off "
                    + delay.toSeconds()
                    + "s restarting failed container="
                    + container.getName());
        scheduleStart(delay);
      }
    }
    onChange.run();
  }

  private boolean shouldRestart(int exitCode) {
    String policy = pod.pod().getSpec().getRestartPolicy();
    if (init) {
      return exitCode != 0 && !"Never".equals(policy);
    }
    return policy == null
        || "Always".equals(policy)
        || ("OnFailure".equals(policy) && exitCode != 0);
  }

  private Duration backoff() {
    long factor = 1L << Math.min(crashesInRow, 20);
    crashesInRow++;
    Duration delay = runtime.initialBackoff().multipliedBy(factor);
    return delay.compareTo(runtime.maxBackoff()) > 0 ? runtime.maxBackoff() : delay;
  }

  private void scheduleStart(Duration delay) {
    pendingStart =
        runtime.scheduler().schedule(this::restart, delay.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void restart() {
    synchronized (this) {
      if (stopping) {
        return;
      }
      if (state instanceof ContainerState.Waiting waiting
          && "CrashLoopBackOff".equals(waiting.reason())) {
        restartCount++;
      }
    }
    start();
  }

  /** Stops the container for good: SIGTERM to its process tree, SIGKILL after the grace period. */
  void stop(Duration gracePeriod) {
    LaunchedContainer running = markStopping();
    if (running != null) {
      running.terminate(gracePeriod);
    }
  }

  /** Kills the container's process tree at once, as a machine loss would. */
  void kill() {
    LaunchedContainer running = markStopping();
    if (running != null) {
      running.kill();
    }
  }

  private void stopProbes() {
    if (probes != null) {
      probes.stop();
    }
  }

  private synchronized LaunchedContainer markStopping() {
    stopping = true;
    if (pendingStart != null) {
      pendingStart.cancel(false);
    }
    stopProbes();
    return isRunning(launched) ? launched : null;
  }

  private Duration gracePeriod() {
    Long seconds = pod.pod().getSpec().getTerminationGracePeriodSeconds();
    return Duration.ofSeconds(seconds == null ? 30 : seconds);
  }
}
