package dev.brook.e2e.junit;

import dev.brook.e2e.controlplane.LocalKubernetes;
import dev.brook.e2e.controlplane.LocalKubernetesOptions;
import dev.brook.e2e.controlplane.RepositoryLayout;
import dev.brook.e2e.nodeagent.ImageLaunchers;
import dev.brook.e2e.nodeagent.NodeAgent;
import dev.brook.e2e.nodeagent.NodeAgentOptions;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The control plane and node agent shared by every test class of a run. Work files go to {@code
 * e2e/target/local-kubernetes/run-<pid>/} (or {@code -Dbrook.e2e.work.dir}), where each component
 * and each pod container has its log.
 */
final class SharedCluster implements AutoCloseable {

  private final LocalKubernetes kubernetes;
  private final KubernetesClient agentClient;
  private final NodeAgent agent;

  private SharedCluster(LocalKubernetes kubernetes, KubernetesClient agentClient, NodeAgent agent) {
    this.kubernetes = kubernetes;
    this.agentClient = agentClient;
    this.agent = agent;
  }

  static SharedCluster start() {
    RepositoryLayout layout = RepositoryLayout.locate();
    String configured = System.getProperty("brook.e2e.work.dir");
    Path base =
        configured != null
            ? Path.of(configured)
            : layout.root().resolve("e2e/target/local-kubernetes");
    Path work = base.resolve("run-" + ProcessHandle.current().pid()).toAbsolutePath();
    LocalKubernetes kubernetes = LocalKubernetes.start(LocalKubernetesOptions.forTests(work));
    KubernetesClient agentClient = kubernetes.newClient();
    try {
      NodeAgentOptions options =
          NodeAgentOptions.defaults(work.resolve("node-agent"), ImageLaunchers.defaults(layout))
              .withRestartBackoff(Duration.ofSeconds(1), Duration.ofSeconds(10))
              // Disjoint from `make dev` (127.0.1.1 upward), which may run at the same time.
              .withFirstPodIp("127.0.64.1");
      return new SharedCluster(kubernetes, agentClient, NodeAgent.start(agentClient, options));
    } catch (RuntimeException e) {
      agentClient.close();
      kubernetes.close();
      throw e;
    }
  }

  LocalKubernetes kubernetes() {
    return kubernetes;
  }

  NodeAgent agent() {
    return agent;
  }

  @Override
  public void close() {
    agent.close();
    agentClient.close();
    kubernetes.close();
  }
}
