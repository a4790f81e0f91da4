package dev.brook.e2e.controlplane;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for components to serve, failing fast with the component's log when it dies. */
final class ControlPlaneReadiness {

  private static final long POLL_MILLIS = 250;

  private ControlPlaneReadiness() {}

  static void awaitApiServerReady(
      LocalKubernetes kubernetes, ManagedProcess apiServer, Duration timeout) {
    try (KubernetesClient client = kubernetes.newClient()) {
      await(apiServer, timeout, "/readyz", () -> "ok".equals(rawOrNull(client, "/readyz")));
    }
  }

  /**
   * The controller-manager is working once its service-account controller has created the {@code
   * default} service account, which pods in the namespace need before they can be admitted.
   */
  static void awaitControllersRunning(
      LocalKubernetes kubernetes, ManagedProcess controllerManager, Duration timeout) {
    try (KubernetesClient client = kubernetes.newClient()) {
      await(
          controllerManager,
          timeout,
          "the default service account",
          () -> client.serviceAccounts().inNamespace("default").withName("default").get() != null);
    }
  }

  private static String rawOrNull(KubernetesClient client, String path) {
    try {
      return client.raw(path);
    } catch (KubernetesClientException e) {
      return null;
    }
  }

  private static void await(
      ManagedProcess process, Duration timeout, String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            process.name() + " exited while waiting for " + what + ":\n" + process.logTail(30));
      }
      if (condition.getAsBoolean()) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            process.name()
                + " not ready ("
                + what
                + ") after "
                + timeout
                + ":\n"
                + process.logTail(30));
      }
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for " + what, e);
      }
    }
  }
}
