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
import dev.brook.operator.testing.PackagedOperator;
import dev.brook.operator.testing.ResourceAwaits;
import dev.brook.operator.testing.TestOperator;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
  private static PackagedOperator operator;
  private static String namespace;
  private static Path kubeconfig;

  @BeforeAll
  static void start(KubernetesClient kubernetes, LocalKubernetes localKubernetes)
      throws IOException {
    client = kubernetes;
    TestOperator.installCrds(client);
    namespace = TestOperator.newNamespace(client, "packaged");
    kubeconfig = localKubernetes.kubeconfig();
    startOperator();
  }

  private static void startOperator() throws IOException {
    operator = launch("operator-a");
    operator.awaitReady(TIMEOUT, work);
  }

  private static PackagedOperator launch(String podName) throws IOException {
    return PackagedOperator.launch(
        work.resolve(podName + ".log"), kubeconfig, namespace, namespace, podName);
  }

  private static void stopOperator() throws InterruptedException {
    operator.stop();
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
    await().atMost(TIMEOUT).until(() -> operator.reconciles("cluster") > 0);
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
    PackagedOperator standby = launch("operator-b");
    await()
        .atMost(TIMEOUT)
        .pollInterval(Duration.ofMillis(500))
        .until(() -> standby.status("/q/health/live") == 200);
    Topic waiting = topic("waiting");
    client.resource(waiting).create();
    ResourceAwaits.readyReason(client, waiting, ConditionReason.ClusterNotFound, TIMEOUT);
    Thread.sleep(3_000);
    assertThat(leaseHolder()).isEqualTo("operator-a");
    assertThat(standby.reconciles("topic")).as("standby reconciliations").isZero();
    assertThat(standby.status("/q/health/ready"))
        .as("a waiting replica is ready, so a rolling update of the Deployment proceeds")
        .isEqualTo(200);

    stopOperator();
    await().atMost(TIMEOUT).until(() -> leaseHolder().equals("operator-b"));
    operator = standby;
    Topic after = topic("after-handover");
    client.resource(after).create();
    ResourceAwaits.readyReason(client, after, ConditionReason.ClusterNotFound, TIMEOUT);
    assertThat(operator.reconciles("topic")).isPositive();
    assertThat(operator.status("/q/health/ready")).isEqualTo(200);
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

    double before = await().atMost(TIMEOUT).until(() -> operator.reconciles("topic"), n -> n > 0);
    Thread.sleep(12_000);
    double after = operator.reconciles("topic");
    // A missing cluster is re-checked every 10 s; anything faster would be a retry loop.
    assertThat(after - before).as("topic reconciliations in 12 s").isLessThanOrEqualTo(3);
    assertThat(operator.status("/q/health/live")).isEqualTo(200);
    assertThat(operator.process().isAlive()).isTrue();
  }
}
