package dev.brook.e2e;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Pods, namespaces and status look-ups shared by the tests. */
final class TestPods {

  static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final AtomicInteger NAMESPACES = new AtomicInteger();

  private TestPods() {}

  /** A fresh namespace whose {@code default} service account exists, so pods can be admitted. */
  static String newNamespace(KubernetesClient client, String prefix) {
    String name = prefix + "-" + ProcessHandle.current().pid() + "-" + NAMESPACES.incrementAndGet();
    client
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
        .create();
    await()
        .atMost(TIMEOUT)
        .until(() -> client.serviceAccounts().inNamespace(name).withName("default").get() != null);
    return name;
  }

  /** A pod running {@code sh -c script}, with the downward-API variables the tests print. */
  static PodBuilder shellPod(String name, String script) {
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .endMetadata()
        .withNewSpec()
        .withTerminationGracePeriodSeconds(5L)
        .addNewContainer()
        .withName("main")
        .withImage("busybox")
        .withCommand("sh", "-c", script)
        .withEnv(downwardApi())
        .endContainer()
        .endSpec();
  }

  /** A pod serving HTTP on its pod IP, port 8080 ({@link TinyHttpServer}). */
  static PodBuilder httpPod(String name) {
    return javaPod(name, TinyHttpServer.class, "$(POD_IP)", "8080")
        .editSpec()
        .editFirstContainer()
        .addNewPort()
        .withName("http")
        .withContainerPort(8080)
        .endPort()
        .endContainer()
        .endSpec();
  }

  /** A pod running {@code mainClass} of the test classes with this JVM's {@code java}. */
  static PodBuilder javaPod(String name, Class<?> mainClass, String... args) {
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                testClasses().toString(),
                mainClass.getName()));
    command.addAll(List.of(args));
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .endMetadata()
        .withNewSpec()
        .withTerminationGracePeriodSeconds(5L)
        .addNewContainer()
        .withName("main")
        .withImage("example.org/java-test:1")
        .withCommand(command)
        .withEnv(downwardApi())
        .endContainer()
        .endSpec();
  }

  private static List<EnvVar> downwardApi() {
    return List.of(
        field("POD_NAME", "metadata.name"),
        field("POD_NAMESPACE", "metadata.namespace"),
        field("NODE_NAME", "spec.nodeName"),
        field("POD_IP", "status.podIP"));
  }

  private static EnvVar field(String name, String path) {
    return new EnvVarBuilder()
        .withName(name)
        .withNewValueFrom()
        .withNewFieldRef()
        .withFieldPath(path)
        .endFieldRef()
        .endValueFrom()
        .build();
  }

  private static Path testClasses() {
    try {
      return Path.of(
          TinyHttpServer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException("cannot locate the test classes", e);
    }
  }

  static Pod get(KubernetesClient client, String namespace, String name) {
    return client.pods().inNamespace(namespace).withName(name).get();
  }

  static boolean isReady(Pod pod) {
    return pod != null
        && pod.getStatus() != null
        && pod.getStatus().getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  static PodCondition condition(Pod pod, String type) {
    return pod.getStatus().getConditions().stream()
        .filter(c -> type.equals(c.getType()))
        .findFirst()
        .orElse(null);
  }

  static ContainerStatus mainContainer(Pod pod) {
    return pod.getStatus().getContainerStatuses().stream()
        .filter(status -> "main".equals(status.getName()))
        .findFirst()
        .orElseThrow();
  }

  /** The main container's restart count, -1 before the agent reported the container. */
  static int restarts(Pod pod) {
    return pod == null || pod.getStatus() == null
        ? -1
        : pod.getStatus().getContainerStatuses().stream()
            .filter(status -> "main".equals(status.getName()))
            .mapToInt(ContainerStatus::getRestartCount)
            .findFirst()
            .orElse(-1);
  }

  static String phase(Pod pod) {
    return pod == null || pod.getStatus() == null ? null : pod.getStatus().getPhase();
  }
}
