package dev.brook.e2e;

import static dev.brook.e2e.TestPods.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.brook.e2e.junit.SharedCluster;
import dev.brook.e2e.junit.WithLocalKubernetes;
import dev.brook.e2e.nodeagent.NodeAgent;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Pods whose image is in the container engine's local store run in the engine (under {@code make
 * images-test}, which builds the images and names the engine): the security context, volumes, the
 * projected ServiceAccount token, exec probes, exit codes and deletion behave as on a node.
 */
@WithLocalKubernetes
@EnabledIfSystemProperty(named = SharedCluster.CONTAINER_ENGINE_PROPERTY, matches = ".+")
class ContainerModeIT {

  /** The JRE base both images are built on: a Debian userland with sh and coreutils. */
  private static final String IMAGE = "localhost/brook-base-jre:17";

  private static String namespace;
  private KubernetesClient client;
  private NodeAgent agent;

  @BeforeAll
  static void createNamespace(KubernetesClient client) {
    namespace = TestPods.newNamespace(client, "containers");
  }

  @Test
  void shouldRunWithTheSecurityContextVolumesAndTokenOfThePod() throws Exception {
    String token = "/var/run/secrets/kubernetes.io/serviceaccount";
    Pod pod =
        imagePod(
                "confined",
                "echo uid=$(id -u) groups=$(id -G) host=$(hostname) ns=$(cat "
                    + token
                    + "/namespace) token=$(test -s "
                    + token
                    + "/token && echo present);"
                    + " touch /root-write 2>/dev/null && echo root=writable || echo root=read-only;"
                    + " echo kept > /scratch/file && echo scratch=$(cat /scratch/file);"
                    + " ls -ld /scratch | cut -c1-10; exit 3")
            .editSpec()
            .withRestartPolicy("Never")
            .withNewSecurityContext()
            .withRunAsUser(1000L)
            .withFsGroup(2000L)
            .endSecurityContext()
            .editFirstContainer()
            .withNewSecurityContext()
            .withReadOnlyRootFilesystem(true)
            .withAllowPrivilegeEscalation(false)
            .withNewCapabilities()
            .withDrop("ALL")
            .endCapabilities()
            .endSecurityContext()
            .addNewVolumeMount()
            .withName("scratch")
            .withMountPath("/scratch")
            .endVolumeMount()
            .endContainer()
            .addNewVolume()
            .withName("scratch")
            .withNewEmptyDir()
            .endEmptyDir()
            .endVolume()
            .endSpec()
            .build();
    client.pods().inNamespace(namespace).resource(pod).create();

    await().atMost(TIMEOUT).until(() -> "Failed".equals(TestPods.phase(get("confined"))));
    ContainerStatus main = TestPods.mainContainer(get("confined"));
    assertThat(main.getState().getTerminated().getExitCode()).isEqualTo(3);
    assertThat(log("confined"))
        .containsPattern("uid=1000 groups=[0-9 ]*\\b2000\\b")
        .contains("host=confined", "ns=" + namespace, "token=present")
        .contains("root=read-only", "scratch=kept", "drwxrwsrwx");
  }

  @Test
  void shouldRefuseToRunAsRootWhenThePodRequiresNonRoot() {
    Pod pod =
        imagePod("rooted", "sleep 600")
            .editSpec()
            .withNewSecurityContext()
            .withRunAsNonRoot(true)
            .endSecurityContext()
            .endSpec()
            .build();
    client.pods().inNamespace(namespace).resource(pod).create();

    await()
        .atMost(TIMEOUT)
        .ignoreExceptions() // until the agent reports the container
        .untilAsserted(
            () ->
                assertThat(TestPods.mainContainer(get("rooted")).getState().getWaiting())
                    .isNotNull()
                    .satisfies(
                        waiting -> {
                          assertThat(waiting.getReason()).isEqualTo("CreateContainerConfigError");
                          assertThat(waiting.getMessage()).contains("runAsNonRoot");
                        }));
  }

  @Test
  void shouldProbeInsideTheContainerAndStopItWhenThePodIsDeleted() throws Exception {
    Pod pod =
        imagePod(
                "probed",
                "trap 'echo stopping; exit 0' TERM; touch /tmp/ready; while :; do sleep 0.2; done")
            .editSpec()
            .withTerminationGracePeriodSeconds(10L)
            .editFirstContainer()
            .withNewReadinessProbe()
            .withNewExec()
            .withCommand("test", "-f", "/tmp/ready")
            .endExec()
            .withPeriodSeconds(1)
            .endReadinessProbe()
            .endContainer()
            .endSpec()
            .build();
    client.pods().inNamespace(namespace).resource(pod).create();
    await().atMost(TIMEOUT).until(() -> TestPods.isReady(get("probed")));
    assertThat(containerNames()).anyMatch(name -> name.startsWith("k8s_main_probed_" + namespace));

    client.pods().inNamespace(namespace).withName("probed").delete();
    await().atMost(TIMEOUT).until(() -> get("probed") == null);
    assertThat(containerNames()).noneMatch(name -> name.startsWith("k8s_main_probed_"));
    assertThat(log("probed")).contains("stopping");
  }

  /** The agent's DNS options come on top of the image's JVM options, which they do not replace. */
  @Test
  void shouldKeepTheJvmOptionsOfTheImage() throws Exception {
    String operatorImage = "brook-operator:" + System.getProperty("brook.images.version");
    Pod pod =
        imagePod("jvm-options", "echo \"options=$JAVA_TOOL_OPTIONS\"")
            .editSpec()
            .withRestartPolicy("Never")
            .editFirstContainer()
            .withImage(operatorImage)
            .endContainer()
            .endSpec()
            .build();
    client.pods().inNamespace(namespace).resource(pod).create();

    await().atMost(TIMEOUT).until(() -> "Succeeded".equals(TestPods.phase(get("jvm-options"))));
    assertThat(log("jvm-options"))
        .contains("-Djdk.net.hosts.file=/etc/brook-e2e/hosts", "-XX:MaxRAMPercentage=75");
  }

  private PodBuilder imagePod(String name, String script) {
    return TestPods.shellPod(name, script)
        .editSpec()
        .editFirstContainer()
        .withImage(IMAGE)
        .withCommand("sh", "-c", script)
        .endContainer()
        .endSpec();
  }

  private Pod get(String name) {
    return TestPods.get(client, namespace, name);
  }

  private String log(String pod) throws IOException {
    return Files.readString(agent.logDirectory(namespace, pod).resolve("main.log"));
  }

  private static List<String> containerNames() throws IOException, InterruptedException {
    Process ps =
        new ProcessBuilder(
                System.getProperty(SharedCluster.CONTAINER_ENGINE_PROPERTY),
                "ps",
                "--format",
                "{{.Names}}")
            .redirectErrorStream(true)
            .start();
    String output = new String(ps.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(ps.waitFor()).as(output).isZero();
    return output.lines().toList();
  }
}
