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
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
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

  /** One packaged operator process and its HTTP endpoint. */
  private record OperatorProcess(Process process, String endpoint) {}

  private static void startOperator() throws IOException {
    OperatorProcess started = launch("operator-a");
    operator = started.process();
    endpoint = started.endpoint();
    await()
        .atMost(TIMEOUT)
        .pollInterval(Duration.ofMillis(500))
        .until(() -> !operator.isAlive() || status(endpoint, "/q/health/ready") == 200);
    assertThat(operator.isAlive()).as("operator running; log in %s", work).isTrue();
  }

  /**
   * Starts the packaged operator as the Deployment runs it: {@code POD_NAMESPACE} (the Lease's
   * namespace) and {@code POD_NAME} (its identity) set, so it takes part in leader election.
   */
  private static OperatorProcess launch(String podName) throws IOException {
    int port = FreePorts.next();
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
                ProcessBuilder.Redirect.appendTo(work.resolve(podName + ".log").toFile()));
    builder.environment().put("KUBECONFIG", kubeconfig.toString());
    builder.environment().put("WATCH_NAMESPACES", namespace);
    builder.environment().put("POD_NAMESPACE", namespace);
    builder.environment().put("POD_NAME", podName);
    Process started = builder.start();
    Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly));
    return new OperatorProcess(started, "http://127.0.0.1:" + port);
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
    await().atMost(TIMEOUT).until(() -> reconciles(endpoint, "cluster") > 0);
    Thread.sleep(5_000);

    Pod after = client.pods().inNamespace(namespace).withName("steady-broker-0").get();
    assertThat(after.getMetadata().getUid())
        .as("a new operator process computes the same desired pod")
        .isEqualTo(before.getMetadata().getUid());
    assertThat(after.getMetadata().getDeletionTimestamp()).isNull();
    client.resource(cluster).delete();
  }

  /**
   * Two replicas: the second waits while the first holds the Lease (it reconciles nothing), and
   * takes over once the first stops. It then stays the operator of the other tests.
   */
  @Test
  void shouldLetOnlyTheLeaseHolderReconcileAndHandOverWhenItStops() throws Exception {
    await().atMost(TIMEOUT).until(() -> leaseHolder().equals("operator-a"));
    OperatorProcess standby = launch("operator-b");
    await()
        .atMost(TIMEOUT)
        .pollInterval(Duration.ofMillis(500))
        .until(() -> status(standby.endpoint(), "/q/health/live") == 200);
    Topic waiting = topic("waiting");
    client.resource(waiting).create();
    ResourceAwaits.readyReason(client, waiting, ConditionReason.ClusterNotFound, TIMEOUT);
    Thread.sleep(3_000);
    assertThat(leaseHolder()).isEqualTo("operator-a");
    assertThat(reconciles(standby.endpoint(), "topic")).as("standby reconciliations").isZero();
    assertThat(status(standby.endpoint(), "/q/health/ready"))
        .as("a waiting replica is ready, so a rolling update of the Deployment proceeds")
        .isEqualTo(200);

    stopOperator();
    await().atMost(TIMEOUT).until(() -> leaseHolder().equals("operator-b"));
    operator = standby.process();
    endpoint = standby.endpoint();
    Topic after = topic("after-handover");
    client.resource(after).create();
    ResourceAwaits.readyReason(client, after, ConditionReason.ClusterNotFound, TIMEOUT);
    assertThat(reconciles(endpoint, "topic")).isPositive();
    assertThat(status(endpoint, "/q/health/ready")).isEqualTo(200);
    for (Topic topic : List.of(waiting, after)) {
      client.resource(topic).delete();
      await().atMost(TIMEOUT).until(() -> client.resource(topic).get() == null);
    }
  }

  private static String leaseHolder() {
    Lease lease = client.leases().inNamespace(namespace).withName("brook-operator").get();
    return lease == null || lease.getSpec().getHolderIdentity() == null
        ? ""
        : lease.getSpec().getHolderIdentity();
  }

  private static Topic topic(String name) {
    Topic topic = new Topic();
    topic.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
    topic.setSpec(new TopicSpec());
    topic.getSpec().setCluster("nowhere");
    return topic;
  }

  @Test
  void shouldReconcileReportAndCountWithoutHotLoopingWhenTopicNamesMissingCluster()
      throws Exception {
    Topic topic = topic("orphan");
    client.resource(topic).create();

    Topic reported =
        ResourceAwaits.readyReason(client, topic, ConditionReason.ClusterNotFound, TIMEOUT);
    assertThat(Conditions.find(reported.getStatus().getConditions(), ConditionType.Ready))
        .hasValueSatisfying(c -> assertThat(c.getMessage()).contains("spec.cluster", "nowhere"));

    double before = await().atMost(TIMEOUT).until(() -> reconciles(endpoint, "topic"), n -> n > 0);
    Thread.sleep(12_000);
    double after = reconciles(endpoint, "topic");
    // A missing cluster is re-checked every 10 s; anything faster would be a retry loop.
    assertThat(after - before).as("topic reconciliations in 12 s").isLessThanOrEqualTo(3);
    assertThat(status(endpoint, "/q/health/live")).isEqualTo(200);
    assertThat(operator.isAlive()).isTrue();
  }

  /** Reconciliations the running operator process has finished for {@code controller}. */
  private static double reconciles(String at, String controller) throws Exception {
    Matcher matcher =
        Pattern.compile(
                "^reconciliations_execution_duration_seconds_count\\{controller_name=\""
                    + controller
                    + "\"[^}]*\\} ([0-9.E]+)$",
                Pattern.MULTILINE)
            .matcher(get(at, "/q/metrics"));
    return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
  }

  private static int status(String at, String path) {
    try {
      return http.send(request(at, path), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private static String get(String at, String path) throws Exception {
    return http.send(request(at, path), HttpResponse.BodyHandlers.ofString()).body();
  }

  private static HttpRequest request(String at, String path) {
    return HttpRequest.newBuilder(URI.create(at + path)).timeout(Duration.ofSeconds(5)).build();
  }
}
