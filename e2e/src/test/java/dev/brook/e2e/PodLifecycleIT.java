package dev.brook.e2e;

import static dev.brook.e2e.TestPods.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.brook.e2e.junit.WithLocalKubernetes;
import dev.brook.e2e.nodeagent.NodeAgent;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenReview;
import io.fabric8.kubernetes.api.model.authentication.TokenReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Pods bound by the real scheduler run as local processes with a true status. */
@WithLocalKubernetes
class PodLifecycleIT {

  private static String namespace;
  private KubernetesClient client;
  private NodeAgent agent;

  @BeforeAll
  static void createNamespace(KubernetesClient client) {
    namespace = TestPods.newNamespace(client, "pods");
  }

  @Test
  void shouldReportRunningAndReadyWhenPodServesOnItsPodIp() throws Exception {
    Pod created =
        TestPods.httpPod("web")
            .editSpec()
            .editFirstContainer()
            .withNewReadinessProbe()
            .withNewHttpGet()
            .withPath("/")
            .withNewPort("http")
            .endHttpGet()
            .withPeriodSeconds(1)
            .endReadinessProbe()
            .withNewLivenessProbe()
            .withNewTcpSocket()
            .withNewPort(8080)
            .endTcpSocket()
            .withPeriodSeconds(1)
            .withInitialDelaySeconds(5)
            .endLivenessProbe()
            .endContainer()
            .endSpec()
            .build();
    client.pods().inNamespace(namespace).resource(created).create();

    await().atMost(TIMEOUT).until(() -> TestPods.isReady(TestPods.get(client, namespace, "web")));

    Pod pod = TestPods.get(client, namespace, "web");
    assertThat(pod.getStatus().getPhase()).isEqualTo("Running");
    assertThat(pod.getStatus().getPodIP()).startsWith("127.0.");
    assertThat(pod.getStatus().getPodIP()).isNotEqualTo("127.0.0.1");
    ContainerStatus main = TestPods.mainContainer(pod);
    assertThat(main.getState().getRunning()).isNotNull();
    assertThat(main.getReady()).isTrue();
    assertThat(main.getRestartCount()).isZero();
    assertThat(agent.processIds(namespace, "web")).hasSize(1);
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://" + pod.getStatus().getPodIP() + ":8080/"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.body()).isEqualTo("ok");
    Path log = agent.logDirectory(namespace, "web").resolve("main.log");
    assertThat(Files.readString(log))
        .contains(
            "listening on "
                + pod.getStatus().getPodIP()
                + ":8080 as pod web on node "
                + pod.getSpec().getNodeName());
  }

  @Test
  void shouldReportFailedWhenProcessIsKilledAndRestartPolicyIsNever() {
    Pod created =
        TestPods.shellPod("doomed", "exec sleep 600")
            .editSpec()
            .withRestartPolicy("Never")
            .endSpec()
            .build();
    client.pods().inNamespace(namespace).resource(created).create();
    await().atMost(TIMEOUT).until(() -> !agent.processIds(namespace, "doomed").isEmpty());
    await()
        .atMost(TIMEOUT)
        .until(() -> TestPods.isReady(TestPods.get(client, namespace, "doomed")));

    long pid = agent.processIds(namespace, "doomed").get(0);
    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);

    await()
        .atMost(TIMEOUT)
        .until(() -> "Failed".equals(TestPods.phase(TestPods.get(client, namespace, "doomed"))));
    Pod pod = TestPods.get(client, namespace, "doomed");
    ContainerStatus main = TestPods.mainContainer(pod);
    assertThat(main.getState().getTerminated().getExitCode()).isEqualTo(137);
    assertThat(main.getState().getTerminated().getReason()).isEqualTo("Error");
    assertThat(main.getReady()).isFalse();
    assertThat(TestPods.condition(pod, "Ready").getStatus()).isEqualTo("False");
  }

  @Test
  void shouldRestartWithIncreasingCountWhenRestartPolicyIsAlways() {
    client
        .pods()
        .inNamespace(namespace)
        .resource(TestPods.shellPod("crasher", "sleep 1; exit 3").build())
        .create();

    await()
        .atMost(TIMEOUT)
        .until(() -> TestPods.restarts(TestPods.get(client, namespace, "crasher")) >= 2);

    Pod pod = TestPods.get(client, namespace, "crasher");
    assertThat(pod.getStatus().getPhase()).isEqualTo("Running");
    ContainerStatus main = TestPods.mainContainer(pod);
    assertThat(main.getLastState().getTerminated().getExitCode()).isEqualTo(3);
  }

  @Test
  void shouldRestartWhenLivenessProbeFails() {
    Pod created =
        TestPods.shellPod("unhealthy", "exec sleep 600")
            .editSpec()
            .editFirstContainer()
            .withNewLivenessProbe()
            .withNewExec()
            .withCommand("sh", "-c", "exit 1")
            .endExec()
            .withPeriodSeconds(1)
            .withFailureThreshold(1)
            .endLivenessProbe()
            .endContainer()
            .endSpec()
            .build();
    client.pods().inNamespace(namespace).resource(created).create();

    await()
        .atMost(TIMEOUT)
        .until(() -> TestPods.restarts(TestPods.get(client, namespace, "unhealthy")) >= 1);
    ContainerStatus main = TestPods.mainContainer(TestPods.get(client, namespace, "unhealthy"));
    assertThat(main.getLastState().getTerminated().getExitCode()).isEqualTo(143);
  }

  @Test
  void shouldHoldBackStartedAndReadyUntilStartupProbePasses() {
    Pod created =
        TestPods.shellPod("slow-starter", "sleep 3; touch started; exec sleep 600")
            .editSpec()
            .editFirstContainer()
            .withNewStartupProbe()
            .withNewExec()
            .withCommand("test", "-f", "started")
            .endExec()
            .withPeriodSeconds(1)
            .withFailureThreshold(30)
            .endStartupProbe()
            .endContainer()
            .endSpec()
            .build();
    client.pods().inNamespace(namespace).resource(created).create();

    await()
        .atMost(TIMEOUT)
        .until(
            () ->
                "Running".equals(TestPods.phase(TestPods.get(client, namespace, "slow-starter"))));
    ContainerStatus starting =
        TestPods.mainContainer(TestPods.get(client, namespace, "slow-starter"));
    assertThat(starting.getStarted()).isFalse();
    assertThat(starting.getReady()).isFalse();

    await()
        .atMost(TIMEOUT)
        .until(() -> TestPods.isReady(TestPods.get(client, namespace, "slow-starter")));
    ContainerStatus started =
        TestPods.mainContainer(TestPods.get(client, namespace, "slow-starter"));
    assertThat(started.getStarted()).isTrue();
    assertThat(started.getRestartCount()).isZero();
  }

  @Test
  void shouldRunInitContainersToCompletionBeforeMainContainer() throws Exception {
    Pod created =
        TestPods.shellPod("initialized", "cat /work/message; exec sleep 600")
            .editSpec()
            .addNewVolume()
            .withName("work")
            .withNewEmptyDir()
            .endEmptyDir()
            .endVolume()
            .editFirstContainer()
            .addNewVolumeMount()
            .withName("work")
            .withMountPath("/work")
            .endVolumeMount()
            .endContainer()
            .addNewInitContainer()
            .withName("prepare")
            .withImage("busybox")
            .withCommand("sh", "-c", "sleep 1; echo prepared by init > /work/message")
            .addNewVolumeMount()
            .withName("work")
            .withMountPath("/work")
            .endVolumeMount()
            .endInitContainer()
            .endSpec()
            .build();
    client.pods().inNamespace(namespace).resource(created).create();

    await()
        .atMost(TIMEOUT)
        .until(() -> TestPods.isReady(TestPods.get(client, namespace, "initialized")));

    Pod pod = TestPods.get(client, namespace, "initialized");
    assertThat(TestPods.condition(pod, "Initialized").getStatus()).isEqualTo("True");
    ContainerStatus init = pod.getStatus().getInitContainerStatuses().get(0);
    assertThat(init.getName()).isEqualTo("prepare");
    assertThat(init.getState().getTerminated().getExitCode()).isZero();
    assertThat(init.getState().getTerminated().getReason()).isEqualTo("Completed");
    Path log = agent.logDirectory(namespace, "initialized").resolve("main.log");
    await().atMost(TIMEOUT).until(() -> Files.exists(log) && !Files.readString(log).isEmpty());
    assertThat(Files.readString(log).trim()).isEqualTo("prepared by init");
  }

  @Test
  void shouldFailPodWithoutStartingMainContainerWhenInitContainerFailsUnderNever() {
    Pod created =
        TestPods.shellPod("init-fails", "exec sleep 600")
            .editSpec()
            .withRestartPolicy("Never")
            .addNewInitContainer()
            .withName("prepare")
            .withImage("busybox")
            .withCommand("sh", "-c", "exit 2")
            .endInitContainer()
            .endSpec()
            .build();
    client.pods().inNamespace(namespace).resource(created).create();

    await()
        .atMost(TIMEOUT)
        .until(
            () -> "Failed".equals(TestPods.phase(TestPods.get(client, namespace, "init-fails"))));

    Pod pod = TestPods.get(client, namespace, "init-fails");
    assertThat(TestPods.condition(pod, "Initialized").getStatus()).isEqualTo("False");
    assertThat(
            pod.getStatus()
                .getInitContainerStatuses()
                .get(0)
                .getState()
                .getTerminated()
                .getExitCode())
        .isEqualTo(2);
    assertThat(TestPods.mainContainer(pod).getState().getWaiting().getReason())
        .isEqualTo("PodInitializing");
    assertThat(agent.processIds(namespace, "init-fails")).isEmpty();
  }

  /**
   * The ServiceAccount admission gives every pod a projected volume: a token bound to the pod, the
   * cluster CA and the namespace, read by in-cluster clients together with {@code
   * KUBERNETES_SERVICE_HOST}/{@code _PORT}.
   */
  @Test
  void shouldProjectABoundServiceAccountTokenTheCaAndTheNamespace() throws Exception {
    String dir = "/var/run/secrets/kubernetes.io/serviceaccount";
    Pod created =
        TestPods.shellPod(
                "projected",
                "echo \"$(cat "
                    + dir
                    + "/namespace) https://$KUBERNETES_SERVICE_HOST:$KUBERNETES_SERVICE_PORT\";"
                    + " cat "
                    + dir
                    + "/token; echo; cat "
                    + dir
                    + "/ca.crt; exec sleep 600")
            .build();
    client.pods().inNamespace(namespace).resource(created).create();
    Path log = agent.logDirectory(namespace, "projected").resolve("main.log");
    await()
        .atMost(TIMEOUT)
        .until(() -> Files.exists(log) && Files.readString(log).contains("END CERTIFICATE"));
    List<String> lines = Files.readAllLines(log);
    URI server = URI.create(client.getConfiguration().getMasterUrl());
    assertThat(lines.get(0))
        .isEqualTo(namespace + " https://" + server.getHost() + ":" + server.getPort());
    String rootCa =
        client
            .configMaps()
            .inNamespace(namespace)
            .withName("kube-root-ca.crt")
            .get()
            .getData()
            .get("ca.crt");
    assertThat(String.join("\n", lines.subList(2, lines.size())).strip()).isEqualTo(rootCa.strip());

    TokenReview review =
        client
            .resource(
                new TokenReviewBuilder().withNewSpec().withToken(lines.get(1)).endSpec().build())
            .create();
    assertThat(review.getStatus().getAuthenticated()).isTrue();
    assertThat(review.getStatus().getUser().getUsername())
        .isEqualTo("system:serviceaccount:" + namespace + ":default");
    assertThat(review.getStatus().getUser().getExtra())
        .as("the token is bound to the pod")
        .containsEntry("authentication.kubernetes.io/pod-name", List.of("projected"));

    client.pods().inNamespace(namespace).withName("projected").withGracePeriod(0).delete();
    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () ->
                assertThat(
                        client
                            .resource(
                                new TokenReviewBuilder()
                                    .withNewSpec()
                                    .withToken(lines.get(1))
                                    .endSpec()
                                    .build())
                            .create()
                            .getStatus()
                            .getAuthenticated())
                    .as("a bound token dies with its pod")
                    .isNotEqualTo(Boolean.TRUE));
  }

  @Test
  void shouldResolveEnvFromConfigMapSecretAndDownwardApi() throws Exception {
    client
        .configMaps()
        .inNamespace(namespace)
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("settings")
                .endMetadata()
                .addToData("color", "blue")
                .addToData("size", "7")
                .build())
        .create();
    client
        .secrets()
        .inNamespace(namespace)
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("credentials")
                .endMetadata()
                .addToStringData("password", "s3cret")
                .build())
        .create();
    Pod created =
        TestPods.shellPod(
                "env",
                "echo \"color=$COLOR password=$PASSWORD cfg_size=$CFG_size"
                    + " where=$POD_NAMESPACE/$POD_NAME ip=$POD_IP greeting=$GREETING\"; exec sleep 600")
            .editSpec()
            .editFirstContainer()
            .addNewEnv()
            .withName("COLOR")
            .withNewValueFrom()
            .withNewConfigMapKeyRef("color", "settings", false)
            .endValueFrom()
            .endEnv()
            .addNewEnv()
            .withName("PASSWORD")
            .withNewValueFrom()
            .withNewSecretKeyRef("password", "credentials", false)
            .endValueFrom()
            .endEnv()
            .addNewEnv()
            .withName("GREETING")
            .withValue("hello-$(POD_NAME)")
            .endEnv()
            .addNewEnvFrom()
            .withPrefix("CFG_")
            .withNewConfigMapRef("settings", false)
            .endEnvFrom()
            .endContainer()
            .endSpec()
            .build();
    client.pods().inNamespace(namespace).resource(created).create();
    await().atMost(TIMEOUT).until(() -> TestPods.isReady(TestPods.get(client, namespace, "env")));
    String podIp = TestPods.get(client, namespace, "env").getStatus().getPodIP();

    Path log = agent.logDirectory(namespace, "env").resolve("main.log");
    await().atMost(TIMEOUT).until(() -> Files.exists(log) && !Files.readString(log).isEmpty());
    assertThat(Files.readString(log).trim())
        .isEqualTo(
            "color=blue password=s3cret cfg_size=7 where="
                + namespace
                + "/env ip="
                + podIp
                + " greeting=hello-env");
  }

  @Test
  void shouldStopProcessAndRemovePodWhenPodIsDeleted() {
    client
        .pods()
        .inNamespace(namespace)
        .resource(TestPods.shellPod("short-lived", "exec sleep 600").build())
        .create();
    await()
        .atMost(TIMEOUT)
        .until(() -> TestPods.isReady(TestPods.get(client, namespace, "short-lived")));
    List<Long> pids = agent.processIds(namespace, "short-lived");
    assertThat(pids).hasSize(1);

    client.pods().inNamespace(namespace).withName("short-lived").delete();

    await().atMost(TIMEOUT).until(() -> TestPods.get(client, namespace, "short-lived") == null);
    assertThat(ProcessHandle.of(pids.get(0)).filter(ProcessHandle::isAlive)).isEmpty();
  }
}
