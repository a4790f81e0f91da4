package dev.brook.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.brook.e2e.junit.WithLocalKubernetes;
import dev.brook.e2e.nodeagent.NodeAgent;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A pod with {@code hostname} and {@code subdomain} is reachable by its headless-Service names from
 * the JVMs of other pods, from before it is ready until it is deleted.
 */
@WithLocalKubernetes
class PodDnsIT {

  private static String namespace;
  private KubernetesClient client;
  private NodeAgent agent;

  @BeforeAll
  static void createNamespace(KubernetesClient client) {
    namespace = TestPods.newNamespace(client, "dns");
  }

  @Test
  void shouldResolvePodNamesFromOtherPodsUntilThePodIsDeleted() throws Exception {
    String fullName = "peer.members." + namespace + ".svc.cluster.local";
    String shortName = "peer.members." + namespace + ".svc";
    Pod peer =
        client
            .pods()
            .inNamespace(namespace)
            .resource(
                TestPods.httpPod("peer")
                    .editSpec()
                    .withHostname("peer")
                    .withSubdomain("members")
                    .endSpec()
                    .build())
            .create();
    String peerIp =
        await()
            .atMost(TestPods.TIMEOUT)
            .until(
                () -> TestPods.get(client, namespace, "peer").getStatus().getPodIP(),
                ip -> ip != null);

    assertThat(resolveFromPod("resolver-1", fullName, shortName, "nobody.members.x.svc"))
        .contains(
            fullName + "=" + peerIp, shortName + "=" + peerIp, "nobody.members.x.svc=unknown");

    client.resource(peer).delete();
    await()
        .atMost(TestPods.TIMEOUT)
        .until(() -> client.pods().inNamespace(namespace).withName("peer").get() == null);
    assertThat(resolveFromPod("resolver-2", fullName)).contains(fullName + "=unknown");
  }

  private String resolveFromPod(String name, String... hostNames) throws Exception {
    client
        .pods()
        .inNamespace(namespace)
        .resource(
            TestPods.javaPod(name, ResolveNames.class, hostNames)
                .editSpec()
                .withRestartPolicy("Never")
                .endSpec()
                .build())
        .create();
    await()
        .atMost(TestPods.TIMEOUT)
        .until(() -> "Succeeded".equals(TestPods.phase(TestPods.get(client, namespace, name))));
    Path log = agent.logDirectory(namespace, name).resolve("main.log");
    return Files.readString(log);
  }
}
