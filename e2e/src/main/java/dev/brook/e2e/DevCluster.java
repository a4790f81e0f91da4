package dev.brook.e2e;

import dev.brook.e2e.controlplane.LocalKubernetes;
import dev.brook.e2e.controlplane.LocalKubernetesOptions;
import dev.brook.e2e.controlplane.RepositoryLayout;
import dev.brook.e2e.controlplane.ShutdownSequence;
import dev.brook.e2e.nodeagent.ImageLaunchers;
import dev.brook.e2e.nodeagent.NodeAgent;
import dev.brook.e2e.nodeagent.NodeAgentOptions;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.CountDownLatch;

/**
 * {@code make dev}: the local control plane and six simulated nodes, running until the JVM gets
 * SIGTERM ({@code make dev-down}). Writes {@code <dir>/kubeconfig} and, once everything serves, the
 * marker file {@code <dir>/ready}.
 *
 * <p>Usage: {@code DevCluster [dir]} (default {@code .dev}, relative to the checkout). With {@code
 * BROOK_CONTAINER_ENGINE=podman} (or {@code docker}), pods whose image that engine has locally run
 * as containers ({@code make dev IMAGES=1}).
 */
public final class DevCluster {

  private DevCluster() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    RepositoryLayout layout = RepositoryLayout.locate();
    Path dir = layout.root().resolve(args.length > 0 ? args[0] : ".dev").toAbsolutePath();
    Path ready = dir.resolve("ready");
    Files.deleteIfExists(ready);
    Path work = dir.resolve("cluster");
    deleteRecursively(work);
    LocalKubernetesOptions options =
        new LocalKubernetesOptions(
            work, dir.resolve("kubeconfig"), Duration.ofSeconds(20), Duration.ofSeconds(60));
    // Closed last at JVM exit (ShutdownSequence is last-in, first-out).
    ShutdownSequence.register(() -> Files.deleteIfExists(ready));
    LocalKubernetes kubernetes = LocalKubernetes.start(options);
    KubernetesClient client = kubernetes.newClient();
    ShutdownSequence.register(client);
    NodeAgentOptions agentOptions =
        NodeAgentOptions.defaults(work.resolve("node-agent"), ImageLaunchers.defaults(layout));
    String engine = System.getenv("BROOK_CONTAINER_ENGINE");
    if (engine != null && !engine.isBlank()) {
      agentOptions = agentOptions.withContainerEngine(engine);
    }
    NodeAgent.start(client, agentOptions);
    Files.writeString(ready, kubernetes.serverUrl() + "\n");
    // Runs until SIGTERM; the shutdown sequence then stops the agent and the control plane.
    new CountDownLatch(1).await();
  }

  private static void deleteRecursively(Path directory) throws IOException {
    if (!Files.exists(directory)) {
      return;
    }
    try (var paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
