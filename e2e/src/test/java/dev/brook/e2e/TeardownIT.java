package dev.brook.e2e;

import static dev.brook.e2e.TestPods.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.brook.e2e.controlplane.LocalKubernetes;
import dev.brook.e2e.controlplane.LocalKubernetesOptions;
import dev.brook.e2e.controlplane.RepositoryLayout;
import dev.brook.e2e.nodeagent.ImageLaunchers;
import dev.brook.e2e.nodeagent.NodeAgent;
import dev.brook.e2e.nodeagent.NodeAgentOptions;
import dev.brook.e2e.nodeagent.SimulatedNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Stopping a control plane and its node agent leaves no process and no listening port. Runs its own
 * small cluster (one node), not the shared one, so it can stop it.
 */
class TeardownIT {

  @Test
  void shouldLeaveNoProcessAndNoListeningPortWhenClosed() throws IOException {
    RepositoryLayout layout = RepositoryLayout.locate();
    Path work = Files.createTempDirectory("brook-teardown-");
    LocalKubernetes kubernetes = LocalKubernetes.start(LocalKubernetesOptions.forTests(work));
    List<Long> pids = new ArrayList<>(kubernetes.pids());
    List<InetSocketAddress> listeners = new ArrayList<>();
    kubernetes
        .listeningPorts()
        .forEach(port -> listeners.add(new InetSocketAddress("127.0.0.1", port)));
    String podIp;
    try (KubernetesClient client = kubernetes.newClient();
        NodeAgent agent =
            NodeAgent.start(
                client,
                NodeAgentOptions.defaults(
                        work.resolve("node-agent"), ImageLaunchers.defaults(layout))
                    .withNodes(List.of(new SimulatedNode("teardown-node", "zone-a")))
                    .withFirstPodIp("127.0.200.1"))) {
      String namespace = TestPods.newNamespace(client, "teardown");
      client.pods().inNamespace(namespace).resource(TestPods.httpPod("web").build()).create();
      await()
          .atMost(TIMEOUT)
          .until(
              () ->
                  !agent.processIds(namespace, "web").isEmpty()
                      && listening(podAddress(client, namespace)));
      podIp = TestPods.get(client, namespace, "web").getStatus().getPodIP();
      pids.addAll(agent.allProcessIds());
      listeners.add(new InetSocketAddress(podIp, 8080));
      assertThat(pids).hasSize(5);
      assertThat(listeners).allSatisfy(address -> assertThat(listening(address)).isTrue());
    } finally {
      kubernetes.close();
    }

    assertThat(pids)
        .allSatisfy(
            pid -> assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty());
    assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList())
        .noneMatch(handle -> pids.contains(handle.pid()));
    assertThat(listeners).allSatisfy(address -> assertThat(listening(address)).isFalse());
  }

  private static InetSocketAddress podAddress(KubernetesClient client, String namespace) {
    var pod = TestPods.get(client, namespace, "web");
    String ip = pod == null || pod.getStatus() == null ? null : pod.getStatus().getPodIP();
    return ip == null ? null : new InetSocketAddress(ip, 8080);
  }

  private static boolean listening(InetSocketAddress address) {
    if (address == null) {
      return false;
    }
    try (Socket socket = new Socket()) {
      socket.connect(address, 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
