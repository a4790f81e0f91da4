package dev.brook.e2e;

import static dev.brook.e2e.TestPods.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.brook.e2e.junit.WithLocalKubernetes;
import dev.brook.e2e.nodeagent.NodeAgent;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The controller-manager's garbage collector deletes dependents whose owner is gone. */
@WithLocalKubernetes
class GarbageCollectionIT {

  private static String namespace;
  private KubernetesClient client;
  private NodeAgent agent;

  @BeforeAll
  static void createNamespace(KubernetesClient client) {
    namespace = TestPods.newNamespace(client, "gc");
  }

  @Test
  void shouldDeleteDependentWhenOwnerIsDeleted() {
    ConfigMap owner =
        client
            .configMaps()
            .inNamespace(namespace)
            .resource(
                new ConfigMapBuilder().withNewMetadata().withName("owner").endMetadata().build())
            .create();
    client
        .configMaps()
        .inNamespace(namespace)
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("dependent")
                .addNewOwnerReference()
                .withApiVersion("v1")
                .withKind("ConfigMap")
                .withName("owner")
                .withUid(owner.getMetadata().getUid())
                .endOwnerReference()
                .endMetadata()
                .build())
        .create();

    client.configMaps().inNamespace(namespace).withName("owner").delete();

    await()
        .atMost(TIMEOUT)
        .until(
            () -> client.configMaps().inNamespace(namespace).withName("dependent").get() == null);
  }

  @Test
  void shouldDeletePodsAndStopTheirProcessesWhenDeploymentIsDeleted() {
    Pod template = TestPods.shellPod("unused", "exec sleep 600").build();
    Deployment deployment =
        new DeploymentBuilder()
            .withNewMetadata()
            .withName("sleepers")
            .endMetadata()
            .withNewSpec()
            .withReplicas(2)
            .withNewSelector()
            .addToMatchLabels("app", "sleepers")
            .endSelector()
            .withNewTemplate()
            .withNewMetadata()
            .addToLabels("app", "sleepers")
            .endMetadata()
            .withSpec(template.getSpec())
            .endTemplate()
            .endSpec()
            .build();
    client.apps().deployments().inNamespace(namespace).resource(deployment).create();
    await().atMost(TIMEOUT).until(() -> readyPods().size() == 2);
    List<Long> pids =
        readyPods().stream()
            .flatMap(p -> agent.processIds(namespace, p.getMetadata().getName()).stream())
            .toList();
    assertThat(pids).hasSize(2);

    client.apps().deployments().inNamespace(namespace).withName("sleepers").delete();

    await()
        .atMost(TIMEOUT)
        .until(
            () ->
                client
                    .pods()
                    .inNamespace(namespace)
                    .withLabel("app", "sleepers")
                    .list()
                    .getItems()
                    .isEmpty());
    await()
        .atMost(TIMEOUT)
        .until(
            () -> client.apps().replicaSets().inNamespace(namespace).list().getItems().isEmpty());
    assertThat(pids)
        .allSatisfy(
            pid -> assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty());
  }

  private List<Pod> readyPods() {
    return client
        .pods()
        .inNamespace(namespace)
        .withLabel("app", "sleepers")
        .list()
        .getItems()
        .stream()
        .filter(TestPods::isReady)
        .toList();
  }
}
