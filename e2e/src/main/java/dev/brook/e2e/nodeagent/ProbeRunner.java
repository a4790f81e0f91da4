package dev.brook.e2e.nodeagent;

import io.fabric8.kubernetes.api.model.Probe;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs one probe periodically and reports transitions of its outcome: success after {@code
 * successThreshold} consecutive passes, failure after {@code failureThreshold} consecutive misses.
 * Thread-safety: checks run on one scheduler thread at a time; {@link #stop()} may be called from
 * any thread.
 */
final class ProbeRunner {

  private final Probe probe;
  private final ProbeAction action;
  private final Consumer<Boolean> onOutcomeChange;
  private ScheduledFuture<?> schedule;
  private Boolean outcome;
  private int consecutivePasses;
  private int consecutiveMisses;

  ProbeRunner(Probe probe, ProbeAction action, Consumer<Boolean> onOutcomeChange) {
    this.probe = probe;
    this.action = action;
    this.onOutcomeChange = onOutcomeChange;
  }

  synchronized void start(ScheduledExecutorService scheduler) {
    long initialDelaySeconds =
        probe.getInitialDelaySeconds() == null ? 0 : probe.getInitialDelaySeconds();
    long periodSeconds = ProbeAction.valueOr(probe.getPeriodSeconds(), 10);
    schedule =
        scheduler.scheduleWithFixedDelay(
            this::checkOnce,
            initialDelaySeconds * 1000,
            periodSeconds * 1000,
            TimeUnit.MILLISECONDS);
  }

  synchronized void stop() {
    if (schedule != null) {
      schedule.cancel(false);
    }
  }

  private void checkOnce() {
    boolean passed = action.check();
    Boolean changedTo = record(passed);
    if (changedTo != null) {
      onOutcomeChange.accept(changedTo);
    }
  }

  /** Returns the new outcome when this check changed it, null otherwise. */
  private synchronized Boolean record(boolean passed) {
    if (schedule == null || schedule.isCancelled()) {
      return null;
    }
    if (passed) {
      consecutiveMisses = 0;
      consecutivePasses++;
      if (!Boolean.TRUE.equals(outcome)
          && consecutivePasses >= ProbeAction.valueOr(probe.getSuccessThreshold(), 1)) {
        outcome = true;
        return true;
      }
    } else {
      consecutivePasses = 0;
      consecutiveMisses++;
      if (!Boolean.FALSE.equals(outcome)
          && consecutiveMisses >= ProbeAction.valueOr(probe.getFailureThreshold(), 3)) {
        outcome = false;
        return false;
      }
    }
    return null;
  }
}
