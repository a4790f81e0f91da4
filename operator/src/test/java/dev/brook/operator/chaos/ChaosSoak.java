package dev.brook.operator.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.brook.e2e.junit.WithLocalKubernetes;
import dev.brook.e2e.nodeagent.NodeAgent;
import dev.brook.operator.api.BrokerStatus;
import dev.brook.operator.api.Cluster;
import dev.brook.operator.api.ClusterSpec;
import dev.brook.operator.api.ConditionReason;
import dev.brook.operator.api.Topic;
import dev.brook.operator.api.TopicSpec;
import dev.brook.operator.cluster.ClusterReconciler;
import dev.brook.operator.kafka.AdminClients;
import dev.brook.operator.testing.ProductionRun;
import dev.brook.operator.testing.ResourceAwaits;
import dev.brook.operator.testing.TestOperator;
import dev.brook.operator.topic.TopicReconciler;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

/**
 * A long fault-injection run, not part of {@code make test} ({@code make chaos}; the class name
 * does not end in IT): a 6-broker Cluster over 3 zones under idempotent {@code acks=all} production
 * and a consumer group that commits, hit by {@code chaos.faults} faults (default 30) drawn with
 * seed {@code chaos.seed}: kill -9 of a broker process, deletion of a broker pod, the loss of a
 * broker's node for longer than the grace period (then its return), a restart of the operator.
 * After each fault the Cluster must be reconciled again (every broker back, no moves in flight)
 * before the next. At the end every acknowledged record must be in the topic exactly once and in
 * order per key, and the group must have read all of them.
 */
@WithLocalKubernetes
class ChaosSoak {

  private static final String NAME = "chaos";
  private static final int BROKERS = 6;
  private static final Duration RECOVERY = Duration.ofMinutes(6);
  private static final Duration NODE_DOWN = Duration.ofSeconds(45);

  private enum Fault {
    KILL_BROKER,
    DELETE_POD,
    LOSE_NODE,
    RESTART_OPERATOR
  }

  private KubernetesClient client;
  private AdminClients admins;
  private TestOperator operator;

  @Test
  void shouldLoseNothingAcknowledgedThroughFaults(KubernetesClient kubernetes, NodeAgent agent)
      throws Exception {
    client = kubernetes;
    int faults = Integer.getInteger("chaos.faults", 30);
    long seed = Long.getLong("chaos.seed", System.nanoTime());
    Random random = new Random(seed);
    System.out.printf("chaos: %d faults, seed %d%n", faults, seed);
    admins = new AdminClients();
    operator = TestOperator.start(client, NAME, reconcilers());
    try {
      Cluster cluster = client.resource(cluster(operator.namespace())).create();
      cluster = awaitReconciled(cluster);
      String bootstrap = cluster.getStatus().getBootstrap();
      Topic topic = client.resource(topic(operator.namespace())).create();
      ResourceAwaits.readyReason(client, topic, ConditionReason.Reconciled);

      int survived = 0;
      try (ProductionRun production = ProductionRun.start(bootstrap, NAME, 10, Integer.MAX_VALUE);
          GroupReader group = GroupReader.start(bootstrap, NAME, "chaos-readers")) {
        for (int i = 1; i <= faults; i++) {
          Fault fault = Fault.values()[random.nextInt(Fault.values().length)];
          String what = inject(fault, cluster, agent, random);
          long started = System.nanoTime();
          try {
            cluster = awaitReconciled(cluster);
          } catch (ConditionTimeoutException e) {
            System.out.printf(
                "chaos: fault %d/%d %s: not reconciled within %s; status: %s%n",
                i, faults, what, RECOVERY, describe(client.resource(cluster).get()));
            throw e;
          }
          survived++;
          System.out.printf(
              "chaos: fault %d/%d %s: reconciled after %d s; %d records acknowledged%n",
              i,
              faults,
              what,
              Duration.ofNanos(System.nanoTime() - started).toSeconds(),
              production.acknowledgedCount());
        }
        production.close();
        assertThat(production.failures()).as("acks=all sends that failed").isEmpty();
        ProductionRun.ReadBack readBack = production.readBack(Duration.ofMinutes(5));
        int unread = group.awaitAll(production.acknowledgedValues(), Duration.ofMinutes(5));
        System.out.printf(
            "chaos: %d faults survived (seed %d); %d records acknowledged, %d lost, %d duplicated,"
                + " %d out of order; the group missed %d%n",
            survived,
            seed,
            readBack.acknowledged(),
            readBack.lost(),
            readBack.duplicated(),
            readBack.outOfOrder(),
            unread);
        assertThat(readBack.acknowledged()).isPositive();
        assertThat(readBack.lost()).as("acknowledged records lost").isZero();
        assertThat(readBack.duplicated()).as("records duplicated").isZero();
        assertThat(readBack.outOfOrder()).as("records out of order per key").isZero();
        assertThat(unread).as("acknowledged records the group never read").isZero();
      }
    } finally {
      operator.close();
      admins.close();
    }
  }

  private String inject(Fault fault, Cluster cluster, NodeAgent agent, Random random)
      throws Exception {
    List<BrokerStatus> brokers = cluster.getStatus().getBrokers();
    BrokerStatus victim = brokers.get(random.nextInt(brokers.size()));
    String namespace = operator.namespace();
    switch (fault) {
      case KILL_BROKER -> {
        List<Long> pids = agent.processIds(namespace, victim.getPod());
        pids.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        return "kill -9 of broker " + victim.getId() + " " + pids;
      }
      case DELETE_POD -> {
        client.pods().inNamespace(namespace).withName(victim.getPod()).delete();
        return "deletion of pod " + victim.getPod();
      }
      case LOSE_NODE -> {
        agent.stopNode(victim.getNode());
        Thread.sleep(NODE_DOWN.toMillis());
        agent.restartNode(victim.getNode());
        return "loss of node " + victim.getNode() + " (broker " + victim.getId() + ") for 45 s";
      }
      case RESTART_OPERATOR -> {
        admins.close();
        admins = new AdminClients();
        operator = operator.restart(client, reconcilers());
        return "operator restart";
      }
      default -> throw new IllegalStateException("unknown fault " + fault);
    }
  }

  private Cluster awaitReconciled(Cluster cluster) {
    Cluster reconciled = ResourceAwaits.clusterReconciled(client, cluster, BROKERS, RECOVERY);
    await()
        .atMost(RECOVERY)
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () -> client.resource(cluster).get(),
            c ->
                c.getStatus().getPartitionMoves() == null
                    && c.getStatus().getBrokers().stream().noneMatch(BrokerStatus::isLost));
    return reconciled;
  }

  /** The conditions and brokers of a Cluster's status, one line each. */
  private static String describe(Cluster cluster) {
    StringBuilder text = new StringBuilder();
    cluster
        .getStatus()
        .getConditions()
        .forEach(
            c ->
                text.append("\n  ")
                    .append(c.getType())
                    .append('=')
                    .append(c.getStatus())
                    .append(' ')
                    .append(c.getReason())
                    .append(": ")
                    .append(c.getMessage()));
    cluster
        .getStatus()
        .getBrokers()
        .forEach(
            b ->
                text.append("\n  broker ")
                    .append(b.getId())
                    .append(" pod ")
                    .append(b.getPod())
                    .append(" ready ")
                    .append(b.isReady())
                    .append(" lost ")
                    .append(b.isLost())
                    .append(" unavailable ")
                    .append(b.getUnavailableReason()));
    return text.toString();
  }

  private List<Reconciler<?>> reconcilers() {
    return List.of(new ClusterReconciler(admins), new TopicReconciler(admins));
  }

  private static Cluster cluster(String namespace) {
    Cluster cluster = new Cluster();
    cluster.setMetadata(new ObjectMetaBuilder().withName(NAME).withNamespace(namespace).build());
    cluster.setSpec(new ClusterSpec());
    cluster.getSpec().setReplicas(BROKERS);
    cluster.getSpec().getControllers().setCount(3);
    cluster.getSpec().getStorage().setSize("1Gi");
    cluster.getSpec().setConfig(Map.of("min.insync.replicas", "2"));
    cluster.getSpec().getHealing().setGracePeriod("20s");
    return cluster;
  }

  private static Topic topic(String namespace) {
    Topic topic = new Topic();
    topic.setMetadata(new ObjectMetaBuilder().withName(NAME).withNamespace(namespace).build());
    topic.setSpec(new TopicSpec());
    topic.getSpec().setCluster(NAME);
    topic.getSpec().setPartitions(12);
    topic.getSpec().setReplicationFactor(3);
    return topic;
  }
}
