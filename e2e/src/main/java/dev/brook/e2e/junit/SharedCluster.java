package dev.brook.e2e.junit;

import dev.brook.e2e.controlplane.LocalKubernetes;
import dev.brook.e2e.controlplane.LocalKubernetesOptions;
import dev.brook.e2e.controlplane.RepositoryLayout;
import dev.brook.e2e.controlplane.ShutdownSequence;
import dev.brook.e2e.nodeagent.ImageLaunchers;
import dev.brook.e2e.nodeagent.NodeAgent;
import dev.brook.e2e.nodeagent.NodeAgentOptions;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The control plane and node agent shared by every test of a JVM: started on first use, stopped at
 * JVM exit by {@link ShutdownSequence} (pods first, then the control plane). {@link
 * WithLocalKubernetes} uses it; code that must start before JUnit extensions run (e.g. a Quarkus
 * test resource that needs {@code kubernetes().kubeconfig()}) can call {@link #get()} directly.
 *
 * <p>Work files go to {@code e2e/target/local-kubernetes/run-<pid>/} (or {@code
 * -Dbrook.e2e.work.dir}): one log per component in {@code logs/}, pod logs in {@code
 * node-agent/logs/}. Tests use short timings ({@link LocalKubernetesOptions#forTests}), a 1 s
 * initial restart back-off and pod IPs from 127.0.64.1, disjoint from {@code make dev}'s ({@code
 * -Dbrook.e2e.first.pod.ip} moves them, so that two test runs can share a machine). With {@code
 * -Dbrook.images.engine}, pods whose image the engine has locally run as containers.
 */
public final class SharedCluster {

  /**
   * The container engine {@code make images-test} built the images with: pods whose image it has
   * run in it ({@link NodeAgentOptions#containerEngine}).
   */
  public static final String CONTAINER_ENGINE_PROPERTY = "brook.images.engine";

  private static SharedCluster instance;

  private final LocalKubernetes kubernetes;
  private final NodeAgent agent;

  private SharedCluster(LocalKubernetes kubernetes, NodeAgent agent) {
    this.kubernetes = kubernetes;
    this.agent = agent;
  }

  /** The running shared cluster, started by the first caller. */
  public static synchronized SharedCluster get() {
    if (instance == null) {
      instance = start();
    }
    return instance;
  }

  private static SharedCluster start() {
    RepositoryLayout layout = RepositoryLayout.locate();
    String configured = System.getProperty("brook.e2e.work.dir");
    Path base =
        configured != null
            ? Path.of(configured)
            : layout.root().resolve("e2e/target/local-kubernetes");
    Path work = base.resolve("run-" + ProcessHandle.current().pid()).toAbsolutePath();
    LocalKubernetes kubernetes = LocalKubernetes.start(LocalKubernetesOptions.forTests(work));
    KubernetesClient agentClient = kubernetes.newClient();
    ShutdownSequence.register(agentClient);
    NodeAgentOptions options =
        NodeAgentOptions.defaults(work.resolve("node-agent"), ImageLaunchers.defaults(layout))
            .withRestartBackoff(Duration.ofSeconds(1), Duration.ofSeconds(10))
            .withFirstPodIp(System.getProperty("brook.e2e.first.pod.ip", "127.0.64.1"));
    String engine = System.getProperty(CONTAINER_ENGINE_PROPERTY);
    if (engine != null && !engine.isBlank()) {
      options = options.withContainerEngine(engine);
    }
    return new SharedCluster(kubernetes, NodeAgent.start(agentClient, options));
  }

  public LocalKubernetes kubernetes() {
    return kubernetes;
  }

  public NodeAgent agent() {
    return agent;
  }
}
