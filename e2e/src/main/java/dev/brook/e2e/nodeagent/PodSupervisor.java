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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node-side life of one pod: prepares its volumes, runs its containers ({@link
 * ContainerRunner}), keeps its status current, and stops it on deletion or node loss.
 *
 * <p>Init containers are not supported: a pod's containers all start together. Thread-safety:
 * lifecycle calls come from the agent's pod-event thread; containers report changes from scheduler
 * threads, and status writes are serialized by {@link PodStatusWriter}.
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
  private volatile List<ContainerRunner> containers = List.of();
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
    List<ContainerRunner> runners = new ArrayList<>();
    for (Container container : pod.getSpec().getContainers()) {
      runners.add(
          new ContainerRunner(
              container, environment, runtime, previousRestarts(container), this::publishStatus));
    }
    containers = List.copyOf(runners);
    publishStatus();
    runners.forEach(ContainerRunner::start);
    if (stopped) {
      runners.forEach(ContainerRunner::kill);
    }
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
    return pod.getStatus().getContainerStatuses().stream()
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
    stopped = true;
    List<CompletableFuture<Void>> stops =
        containers.stream()
            .map(c -> CompletableFuture.runAsync(() -> c.stop(gracePeriod), runtime.blocking()))
            .toList();
    return CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new))
        .thenRunAsync(afterStopped, runtime.blocking());
  }

  /** Node loss: every process dies at once and nothing is reported any more. */
  void kill() {
    silent = true;
    stopped = true;
    containers.forEach(ContainerRunner::kill);
  }

  /** Process ids of the containers' running processes. */
  List<Long> pids() {
    return containers.stream().map(ContainerRunner::pid).filter(pid -> pid > 0).toList();
  }

  private String name() {
    return pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
  }
}
