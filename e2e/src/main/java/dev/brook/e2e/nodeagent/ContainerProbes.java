package dev.brook.e2e.nodeagent;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Probe;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The probes of one run of a container, wired as the kubelet does: while a {@code startupProbe} has
 * not passed, readiness and liveness are not checked; a failed startup or liveness probe means the
 * container is unhealthy (the runner kills it); readiness changes are reported as they happen.
 * Thread-safety: callbacks run on scheduler threads; {@link #stop()} from any thread.
 */
final class ContainerProbes {

  /** What the probes report back to the container runner. */
  interface Listener {
    void started();

    void readinessChanged(boolean ready);

    void unhealthy(String probe);
  }

  private final Container container;
  private final PodEnvironment pod;
  private final Map<String, String> env;
  private final Listener listener;
  private final UnaryOperator<List<String>> execCommand;
  private final List<ProbeRunner> running = new CopyOnWriteArrayList<>();
  private volatile boolean stopped;

  /**
   * @param execCommand the command line that runs an exec probe's command in the container
   */
  ContainerProbes(
      Container container,
      PodEnvironment pod,
      Map<String, String> env,
      UnaryOperator<List<String>> execCommand,
      Listener listener) {
    this.container = container;
    this.pod = pod;
    this.env = env;
    this.execCommand = execCommand;
    this.listener = listener;
  }

  void start(ScheduledExecutorService scheduler) {
    Probe startup = container.getStartupProbe();
    if (startup == null) {
      listener.started();
      if (container.getReadinessProbe() == null) {
        listener.readinessChanged(true);
      }
      startSteadyState(scheduler);
      return;
    }
    launch(
        scheduler,
        startup,
        passed -> {
          if (passed) {
            listener.started();
            if (container.getReadinessProbe() == null) {
              listener.readinessChanged(true);
            }
            startSteadyState(scheduler);
          } else {
            listener.unhealthy("startup");
          }
        });
  }

  private void startSteadyState(ScheduledExecutorService scheduler) {
    if (container.getReadinessProbe() != null) {
      launch(scheduler, container.getReadinessProbe(), listener::readinessChanged);
    }
    if (container.getLivenessProbe() != null) {
      launch(
          scheduler,
          container.getLivenessProbe(),
          passed -> {
            if (!passed) {
              listener.unhealthy("liveness");
            }
          });
    }
  }

  private void launch(
      ScheduledExecutorService scheduler, Probe probe, Consumer<Boolean> onOutcome) {
    if (stopped) {
      return;
    }
    ProbeRunner runner =
        new ProbeRunner(
            probe,
            new ProbeAction(
                probe, pod.podIp(), container.getPorts(), env, pod.workingDirectory(), execCommand),
            outcome -> {
              if (!stopped) {
                onOutcome.accept(outcome);
              }
            });
    running.add(runner);
    runner.start(scheduler);
    if (stopped) {
      runner.stop();
    }
  }

  void stop() {
    stopped = true;
    running.forEach(ProbeRunner::stop);
  }
}
