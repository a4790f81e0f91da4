package dev.brook.e2e.nodeagent;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node-side life of one pod: prepares its volumes, runs its containers ({@link
 * ContainerRunner}), keeps its status current, and stops it on deletion or node loss.
 *
 * <p>Init containers run one after the other, each until it succeeds; then the regular containers
 * start together. Sidecar init containers ({@code restartPolicy: Always}) are not supported.
 * Thread-safety: lifecycle calls come from the agent's pod-event thread; containers report changes
 * from scheduler threads, and status writes are serialized by {@link PodStatusWriter}.
 */
final class PodSupervisor {

  private static final Logger LOG = LoggerFactory.getLogger(PodSupervisor.class);

  private final Pod pod;
  private final String podIp;
  private final String hostIp;
  private final Path workingDirectory;
  private final Path logDirectory;
  private final PodRuntime runtime;
  private final PodStatusWriter statusWriter;
  private final PodStatusModel statusModel = new PodStatusModel();
  private final Instant startTime = Instant.now();
  private volatile List<ContainerRunner> initContainers = List.of();
  private volatile List<ContainerRunner> containers = List.of();
  private boolean regularContainersStarted;
  private volatile boolean stopped;
  private volatile boolean silent;

  PodSupervisor(
      Pod pod,
      String podIp,
      String hostIp,
      Path workingDirectory,
      Path logDirectory,
      PodRuntime runtime,
      PodStatusWriter statusWriter) {
    this.pod = pod;
    this.podIp = podIp;
    this.hostIp = hostIp;
    this.workingDirectory = workingDirectory;
    this.logDirectory = logDirectory;
    this.runtime = runtime;
    this.statusWriter = statusWriter;
  }

  /** Starts the pod's containers in the background. */
  void start() {
    runtime.scheduler().execute(() -> startContainers(Duration.ZERO));
  }

  private void startContainers(Duration previousDelay) {
    if (stopped) {
      return;
    }
    Map<String, Path> volumeDirectories;
    try {
      PodVolumes.createDirectories(workingDirectory);
      volumeDirectories = runtime.volumes().prepare(pod, workingDirectory);
    } catch (RuntimeException e) {
      Duration delay = nextDelay(previousDelay);
      LOG.info("Pod {} cannot start yet ({}), retrying in {}", name(), e.toString(), delay);
      runtime
          .scheduler()
          .schedule(() -> startContainers(delay), delay.toMillis(), TimeUnit.MILLISECONDS);
      return;
    }
    PodEnvironment environment =
        new PodEnvironment(pod, podIp, hostIp, workingDirectory, logDirectory, volumeDirectories);
    initContainers = runners(pod.getSpec().getInitContainers(), true, environment);
    containers = runners(pod.getSpec().getContainers(), false, environment);
    if (!initContainers.isEmpty()) {
      containers.forEach(runner -> runner.waitFor("PodInitializing"));
    }
    advance();
  }

  private List<ContainerRunner> runners(
      List<Container> specs, boolean init, PodEnvironment environment) {
    List<ContainerRunner> runners = new ArrayList<>();
    for (Container container : specs) {
      runners.add(
          new ContainerRunner(
              container, init, environment, runtime, previousRestarts(container), this::onChange));
    }
    return List.copyOf(runners);
  }

  private void onChange() {
    advance();
    publishStatus();
  }

  /**
   * Starts the first init container that has not run yet once its predecessors succeeded, and the
   * regular containers once all init containers succeeded. Idempotent: called on every change.
   */
  private synchronized void advance() {
    if (stopped) {
      return;
    }
    for (ContainerRunner init : initContainers) {
      if (!init.launchRequested()) {
        init.start();
        return;
      }
      if (!succeeded(init.snapshot())) {
        return;
      }
    }
    if (!regularContainersStarted) {
      regularContainersStarted = true;
      containers.forEach(ContainerRunner::start);
    }
  }

  private static boolean succeeded(ContainerSnapshot container) {
    return container.state() instanceof ContainerState.Terminated terminated
        && terminated.exitCode() == 0;
  }

  private Duration nextDelay(Duration previous) {
    Duration doubled = previous.isZero() ? runtime.initialBackoff() : previous.multipliedBy(2);
    return doubled.compareTo(runtime.maxBackoff()) > 0 ? runtime.maxBackoff() : doubled;
  }

  /** Restart counts survive a node restart: they continue from the pod's last reported status. */
  private int previousRestarts(Container container) {
    if (pod.getStatus() == null) {
      return 0;
    }
    return Stream.concat(
            pod.getStatus().getInitContainerStatuses().stream(),
            pod.getStatus().getContainerStatuses().stream())
        .filter(status -> container.getName().equals(status.getName()))
        .map(ContainerStatus::getRestartCount)
        .filter(count -> count != null)
        .findFirst()
        .orElse(0);
  }

  private void publishStatus() {
    if (silent) {
      return;
    }
    statusWriter.publish(
        () ->
            statusModel.status(
                initContainers.stream().map(ContainerRunner::snapshot).toList(),
                containers.stream().map(ContainerRunner::snapshot).toList(),
                podIp,
                hostIp,
                startTime));
  }

  /**
   * Graceful deletion: SIGTERM to every container, SIGKILL after {@code gracePeriod}, then {@code
   * afterStopped} (the agent confirms the deletion to the API server).
   */
  CompletableFuture<Void> terminate(Duration gracePeriod, Runnable afterStopped) {
    List<CompletableFuture<Void>> stops =
        markStopped().stream()
            .map(c -> CompletableFuture.runAsync(() -> c.stop(gracePeriod), runtime.blocking()))
            .toList();
    return CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new))
        .thenRunAsync(afterStopped, runtime.blocking());
  }

  /** Node loss: every process dies at once and nothing is reported any more. */
  void kill() {
    silent = true;
    markStopped().forEach(ContainerRunner::kill);
  }

  /** After this, {@link #advance()} starts nothing; returns every runner created so far. */
  private synchronized List<ContainerRunner> markStopped() {
    stopped = true;
    runtime.volumes().release(pod);
    return Stream.concat(initContainers.stream(), containers.stream()).toList();
  }

  /** Process ids of the containers' running processes. */
  List<Long> pids() {
    return Stream.concat(initContainers.stream(), containers.stream())
        .map(ContainerRunner::pid)
        .filter(pid -> pid > 0)
        .toList();
  }

  private String name() {
    return pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
  }
}
