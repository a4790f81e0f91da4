package dev.brook.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.brook.e2e.controlplane.LocalKubernetes;
import dev.brook.e2e.junit.WithLocalKubernetes;
import dev.brook.operator.api.Cluster;
import dev.brook.operator.api.ClusterSpec;
import dev.brook.operator.api.ConditionReason;
import dev.brook.operator.api.ConditionType;
import dev.brook.operator.api.Conditions;
import dev.brook.operator.api.Topic;
import dev.brook.operator.api.TopicSpec;
import dev.brook.operator.testing.ResourceAwaits;
import dev.brook.operator.testing.TestOperator;
import dev.brook.testing.FreePorts;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator as it ships: the packaged Quarkus application ({@code quarkus-run.jar}) started as
 * its own process against the local control plane, as the Deployment and {@code make dev} run it.
 * Covers what the reconciler tests leave out: the Quarkus and java-operator-sdk wiring, health
 * probes, and the reconciliation metrics on {@code /q/metrics}.
 */
@WithLocalKubernetes
class PackagedOperatorIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(90);

  @TempDir static Path work;
  private static KubernetesClient client;
  private static Process operator;
  private static String namespace;
  private static String endpoint;
  private static Path kubeconfig;
  private static final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start(KubernetesClient kubernetes, LocalKubernetes localKubernetes)
      throws IOException {
    client = kubernetes;
    TestOperator.installCrds(client);
    namespace = "packaged-" + Long.toHexString(System.nanoTime() & 0xffffff);
    client
        .namespaces()
        .resource(
            new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
        .create();
    kubeconfig = localKubernetes.kubeconfig();
    startOperator();
  }

  private static void startOperator() throws IOException {
    int port = FreePorts.next();
    endpoint = "http://127.0.0.1:" + port;
    Path jar =
        Path.of(System.getProperty("brook.repo.dir", ".."))
            .resolve("operator/target/quarkus-app/quarkus-run.jar");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx256m");
    command.add("-Djava.util.logging.manager=org.jboss.logmanager.LogManager");
    command.add("-Dquarkus.http.host=127.0.0.1");
    command.add("-Dquarkus.http.port=" + port);
    command.add("-jar");
    command.add(jar.toString());
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(
                ProcessBuilder.Redirect.appendTo(work.resolve("operator.log").toFile()));
    builder.environment().put("KUBECONFIG", kubeconfig.toString());
    builder.environment().put("WATCH_NAMESPACES", namespace);
    Process started = builder.start();
    operator = started;
    Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly));
    await()
        .atMost(TIMEOUT)
        .pollInterval(Duration.ofMillis(500))
        .until(() -> !started.isAlive() || status("/q/health/ready") == 200);
    assertThat(started.isAlive()).as("operator running; log in %s", work).isTrue();
  }

  private static void stopOperator() throws InterruptedException {
    operator.destroy();
    operator.waitFor();
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (operator != null) {
      stopOperator();
    }
  }

  @Test
  void shouldLeaveRunningBrokersAloneWhenOperatorRestarts() throws Exception {
    Cluster cluster = new Cluster();
    cluster.setMetadata(
        new ObjectMetaBuilder().withName("steady").withNamespace(namespace).build());
    cluster.setSpec(new ClusterSpec());
    cluster.getSpec().setReplicas(1);
    cluster.getSpec().getControllers().setCount(1);
    cluster.getSpec().getStorage().setSize("1Gi");
    client.resource(cluster).create();
    ResourceAwaits.readyReason(client, cluster, ConditionReason.Reconciled, TIMEOUT);
    Pod before = client.pods().inNamespace(namespace).withName("steady-broker-0").get();

    stopOperator();
    startOperator();
    await().atMost(TIMEOUT).until(() -> reconciles("cluster") > 0);
    Thread.sleep(5_000);

    Pod after = client.pods().inNamespace(namespace).withName("steady-broker-0").get();
    assertThat(after.getMetadata().getUid())
        .as("a new operator process computes the same desired pod")
        .isEqualTo(before.getMetadata().getUid());
    assertThat(after.getMetadata().getDeletionTimestamp()).isNull();
    client.resource(cluster).delete();
  }

  @Test
  void shouldReconcileReportAndCountWithoutHotLoopingWhenTopicNamesMissingCluster()
      throws Exception {
    Topic topic = new Topic();
    topic.setMetadata(new ObjectMetaBuilder().withName("orphan").withNamespace(namespace).build());
    topic.setSpec(new TopicSpec());
    topic.getSpec().setCluster("nowhere");
    client.resource(topic).create();

    Topic reported =
        ResourceAwaits.readyReason(client, topic, ConditionReason.ClusterNotFound, TIMEOUT);
    assertThat(Conditions.find(reported.getStatus().getConditions(), ConditionType.Ready))
        .hasValueSatisfying(c -> assertThat(c.getMessage()).contains("spec.cluster", "nowhere"));

    double before = await().atMost(TIMEOUT).until(() -> reconciles("topic"), n -> n > 0);
    Thread.sleep(12_000);
    double after = reconciles("topic");
    // A missing cluster is re-checked every 10 s; anything faster would be a retry loop.
    assertThat(after - before).as("topic reconciliations in 12 s").isLessThanOrEqualTo(3);
    assertThat(status("/q/health/live")).isEqualTo(200);
    assertThat(operator.isAlive()).isTrue();
  }

  /** Reconciliations the running operator process has finished for {@code controller}. */
  private static double reconciles(String controller) throws Exception {
    Matcher matcher =
        Pattern.compile(
                "^reconciliations_execution_duration_seconds_count\\{controller_name=\""
                    + controller
                    + "\"[^}]*\\} ([0-9.E]+)$",
                Pattern.MULTILINE)
            .matcher(get("/q/metrics"));
    return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
  }

  private static int status(String path) {
    try {
      return http.send(request(path), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private static String get(String path) throws Exception {
    return http.send(request(path), HttpResponse.BodyHandlers.ofString()).body();
  }

  private static HttpRequest request(String path) {
    return HttpRequest.newBuilder(URI.create(endpoint + path))
        .timeout(Duration.ofSeconds(5))
        .build();
  }
}
