package dev.brook.operator.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.brook.e2e.junit.WithLocalKubernetes;
import dev.brook.operator.api.ConditionReason;
import dev.brook.operator.api.Topic;
import dev.brook.operator.api.TopicSpec;
import dev.brook.operator.kafka.AdminClients;
import dev.brook.operator.testing.ResourceAwaits;
import dev.brook.operator.testing.Resources;
import dev.brook.operator.testing.StandaloneBroker;
import dev.brook.operator.testing.TestOperator;
import dev.brook.testing.BrokerProcess;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A resource the operator cannot satisfy costs a bounded number of reconciliations: its status is
 * written once and the next look is scheduled, never a retry loop.
 */
@WithLocalKubernetes
class TopicReconcileRateIT {

  private static final Duration OBSERVATION = Duration.ofSeconds(12);

  @TempDir static Path work;
  private static BrokerProcess broker;
  private static AdminClients admins;
  private static CountingTopicReconciler reconciler;
  private static TestOperator operator;
  private static KubernetesClient client;

  @BeforeAll
  static void start(KubernetesClient kubernetes) throws Exception {
    client = kubernetes;
    broker = StandaloneBroker.start(work.resolve("broker"));
    admins = new AdminClients();
    reconciler = new CountingTopicReconciler(admins);
    operator =
        TestOperator.start(
            client,
            "rate",
            List.<io.javaoperatorsdk.operator.api.reconciler.Reconciler<?>>of(reconciler));
    Resources.clusterAt(client, operator.namespace(), "one", broker.bootstrapServers());
  }

  @AfterAll
  static void stop() throws InterruptedException {
    operator.close();
    admins.close();
    broker.close();
  }

  @Test
  void shouldReconcileAtMostTwiceWhenReplicationFactorCannotBeMet() {
    assertBoundedReconciles(
        topic("too-wide", "one", 3), ConditionReason.ReplicationFactorTooLarge, 2);
  }

  @Test
  void shouldRecheckMissingClusterOnlyEveryRetryIntervalWhenClusterIsMissing() {
    // Transient problems are re-checked every 10 s: at most three looks in 12 s.
    assertBoundedReconciles(topic("lost", "absent", 1), ConditionReason.ClusterNotFound, 3);
  }

  private static void assertBoundedReconciles(Topic topic, ConditionReason reason, int max) {
    client.resource(topic).create();
    ResourceAwaits.readyReason(client, topic, reason);
    int before = reconciler.count(topic.getMetadata().getName());

    await().pollDelay(OBSERVATION).atMost(OBSERVATION.plusSeconds(1)).until(() -> true);

    assertThat(reconciler.count(topic.getMetadata().getName()) - before)
        .as(
            "reconciliations of %s in %s after its status was written",
            topic.getMetadata().getName(), OBSERVATION)
        .isLessThanOrEqualTo(max);
  }

  private static Topic topic(String name, String cluster, int replicationFactor) {
    Topic topic = new Topic();
    topic.setMetadata(
        new ObjectMetaBuilder().withName(name).withNamespace(operator.namespace()).build());
    topic.setSpec(new TopicSpec());
    topic.getSpec().setCluster(cluster);
    topic.getSpec().setReplicationFactor(replicationFactor);
    return topic;
  }
}
