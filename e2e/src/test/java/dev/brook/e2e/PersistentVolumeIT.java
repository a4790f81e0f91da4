package dev.brook.e2e;

import static dev.brook.e2e.TestPods.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.brook.e2e.junit.WithLocalKubernetes;
import dev.brook.e2e.nodeagent.LocalVolumeProvisioner;
import dev.brook.e2e.nodeagent.NodeAgent;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Claims get a local directory through the default StorageClass; data outlives the pod. */
@WithLocalKubernetes
class PersistentVolumeIT {

  private static final String STATEFUL_SET =
      String.join(
          "\n",
          "apiVersion: apps/v1",
          "kind: StatefulSet",
          "metadata: {name: store}",
          "spec:",
          "  serviceName: store",
          "  replicas: 1",
          "  selector: {matchLabels: {app: store}}",
          "  template:",
          "    metadata: {labels: {app: store}}",
          "    spec:",
          "      terminationGracePeriodSeconds: 5",
          "      containers:",
          "      - name: main",
          "        image: busybox",
          "        command: [sh, -c, 'echo $(POD_UID) >> /data/boots; exec sleep 600']",
          "        env:",
          "        - {name: POD_UID, valueFrom: {fieldRef: {fieldPath: metadata.uid}}}",
          "        volumeMounts: [{name: data, mountPath: /data}]",
          "  volumeClaimTemplates:",
          "  - metadata: {name: data}",
          "    spec:",
          "      accessModes: [ReadWriteOnce]",
          "      resources: {requests: {storage: 1Gi}}",
          "");

  private static String namespace;
  private KubernetesClient client;
  private NodeAgent agent;

  @BeforeAll
  static void createNamespace(KubernetesClient client) {
    namespace = TestPods.newNamespace(client, "volumes");
  }

  @Test
  void shouldKeepClaimDataWhenStatefulSetPodIsRecreated() throws Exception {
    StatefulSet statefulSet =
        client
            .apps()
            .statefulSets()
            .load(new ByteArrayInputStream(STATEFUL_SET.getBytes(StandardCharsets.UTF_8)))
            .item();
    client.apps().statefulSets().inNamespace(namespace).resource(statefulSet).create();
    await()
        .atMost(TIMEOUT)
        .until(() -> TestPods.isReady(TestPods.get(client, namespace, "store-0")));
    String firstUid = TestPods.get(client, namespace, "store-0").getMetadata().getUid();

    client.pods().inNamespace(namespace).withName("store-0").delete();
    await()
        .atMost(TIMEOUT)
        .until(
            () -> {
              Pod pod = TestPods.get(client, namespace, "store-0");
              return pod != null
                  && !firstUid.equals(pod.getMetadata().getUid())
                  && TestPods.isReady(pod);
            });
    String secondUid = TestPods.get(client, namespace, "store-0").getMetadata().getUid();

    PersistentVolumeClaim claim =
        client.persistentVolumeClaims().inNamespace(namespace).withName("data-store-0").get();
    assertThat(claim.getStatus().getPhase()).isEqualTo("Bound");
    assertThat(claim.getSpec().getStorageClassName())
        .isEqualTo(LocalVolumeProvisioner.STORAGE_CLASS);
    Path directory =
        Path.of(
            client
                .persistentVolumes()
                .withName(claim.getSpec().getVolumeName())
                .get()
                .getSpec()
                .getHostPath()
                .getPath());
    await().atMost(TIMEOUT).until(() -> Files.readAllLines(directory.resolve("boots")).size() == 2);
    assertThat(Files.readAllLines(directory.resolve("boots"))).containsExactly(firstUid, secondUid);
    assertThat(agent.processIds(namespace, "store-0")).hasSize(1);
  }
}
