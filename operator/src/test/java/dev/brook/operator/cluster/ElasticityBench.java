package dev.brook.operator.cluster;

import static org.awaitility.Awaitility.await;

import dev.brook.e2e.junit.WithLocalKubernetes;
import dev.brook.e2e.nodeagent.NodeAgent;
import dev.brook.operator.api.BrokerStatus;
import dev.brook.operator.api.Cluster;
import dev.brook.operator.api.Topic;
import dev.brook.operator.testing.KafkaClients;
import dev.brook.operator.testing.PartitionLayouts;
import dev.brook.operator.testing.ResourceAwaits;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/**
 * How long the operator takes to move data, not part of {@code make test} ({@code make
 * bench-elasticity}; the class name does not end in IT): a 3-zone Cluster holding {@code
 * bench.bytes} (default 1 GiB) in a 100-partition topic of replication factor 3 is scaled 3 → 6
 * (time until the rebalance is done), loses a broker's node (time until every partition is back at
 * full replication on live brokers, the grace period included), and is scaled 6 → 3 (time until the
 * drained brokers' pods are gone). Moves run 10 at a time, unthrottled. Prints one line per phase.
 */
@WithLocalKubernetes
class ElasticityBench {

  private static final int PARTITIONS = 100;
  private static final int RECORD_BYTES = 16_384;
  private static final Duration PHASE_TIMEOUT = Duration.ofMinutes(30);
  private static final String GRACE_PERIOD = "20s";

  @Test
  void measureRebalanceHealAndDrain(KubernetesClient client, NodeAgent agent) throws Exception {
    long bytes = Long.getLong("bench.bytes", 1L << 30);
    try (TestCluster cluster =
        TestCluster.start(
            client,
            "bench",
            spec -> {
              spec.getStorage().setSize("20Gi");
              spec.getHealing().setGracePeriod(GRACE_PERIOD);
              spec.getHealing().setMaxConcurrentMoves(10);
              spec.getHealing().setThrottleBytesPerSecond(0);
            })) {
      Cluster three = awaitReconciled(client, cluster, 3);
      Topic bulk = client.resource(cluster.topic("bulk", PARTITIONS, 3)).create();
      cluster.awaitTopicReady(bulk, PARTITIONS);
      String bootstrap = three.getStatus().getBootstrap();
      long produceStarted = System.nanoTime();
      produce(bootstrap, "bulk", bytes);
      report(
          "produced %,d bytes into %d partitions (RF 3) in %.1f s",
          bytes, PARTITIONS, seconds(produceStarted));

      try (Admin admin = KafkaClients.admin(bootstrap)) {
        long scaleUp = System.nanoTime();
        cluster.scale(6);
        Cluster six = awaitReconciled(client, cluster, 6);
        report(
            "rebalance 3 -> 6: %.1f s until Reconciled; replicas per broker %s",
            seconds(scaleUp), PartitionLayouts.replicasPerBroker(admin));

        BrokerStatus victim = six.getStatus().getBrokers().get(5);
        List<String> zoneMates =
            cluster.pods().otherNodesOfZone(victim.getNode(), victim.getRack());
        zoneMates.forEach(name -> cluster.pods().cordon(name, true));
        long lost = System.nanoTime();
        agent.stopNode(victim.getNode());
        try {
          await()
              .atMost(PHASE_TIMEOUT)
              .pollInterval(Duration.ofSeconds(1))
              .ignoreExceptions()
              .untilAsserted(() -> PartitionLayouts.assertFullyReplicatedWithout(admin, 5));
          report(
              "heal after losing broker 5's node: %.1f s to full replication on live brokers"
                  + " (grace period %s included)",
              seconds(lost), GRACE_PERIOD);
        } finally {
          agent.restartNode(victim.getNode());
          zoneMates.forEach(name -> cluster.pods().cordon(name, false));
        }
        long back = System.nanoTime();
        awaitReconciled(client, cluster, 6);
        report("rebalance onto the returned broker 5: %.1f s", seconds(back));

        long scaleDown = System.nanoTime();
        cluster.scale(3);
        await()
            .atMost(PHASE_TIMEOUT)
            .pollInterval(Duration.ofSeconds(1))
            .until(
                () -> client.pods().inNamespace(cluster.namespace()).list().getItems().size() == 3);
        report(
            "drain 6 -> 3: %.1f s until the leaving brokers' pods were gone", seconds(scaleDown));
        awaitReconciled(client, cluster, 3);
      }
    }
  }

  private static Cluster awaitReconciled(KubernetesClient client, TestCluster cluster, int n) {
    return ResourceAwaits.clusterReconciled(client, cluster.resource(), n, PHASE_TIMEOUT);
  }

  private static void produce(String bootstrap, String topic, long bytes) throws Exception {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    props.put(ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024);
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 300_000);
    byte[] value = new byte[RECORD_BYTES];
    long records = bytes / RECORD_BYTES;
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
      List<Future<RecordMetadata>> inFlight = new ArrayList<>();
      for (long i = 0; i < records; i++) {
        inFlight.add(
            producer.send(new ProducerRecord<>(topic, (int) (i % PARTITIONS), null, value)));
        if (inFlight.size() == 1_000) {
          for (Future<RecordMetadata> sent : inFlight) {
            sent.get();
          }
          inFlight.clear();
        }
      }
      for (Future<RecordMetadata> sent : inFlight) {
        sent.get();
      }
    }
  }

  private static double seconds(long startedNanos) {
    return (System.nanoTime() - startedNanos) / 1e9;
  }

  private static void report(String format, Object... args) {
    System.out.println("elasticity: " + String.format(format, args));
  }
}
