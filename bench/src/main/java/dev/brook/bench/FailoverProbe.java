package dev.brook.bench;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Measures how long a partition stays unwritable when its leader dies.
 *
 * <ol>
 *   <li>Pick a victim: the leader of the lowest partition whose leader is not the active controller
 *       (when the cluster tells which one that is), so that only partition leadership has to move,
 *       not the metadata quorum's too.
 *   <li>Produce steadily (acks=all, idempotent) to every partition the victim leads and wait for
 *       acknowledgements to flow.
 *   <li>Kill the victim with SIGKILL at t0 and wait until its process is gone.
 *   <li>Keep producing. Only records sent after the process is gone count, so no acknowledgement
 *       can come from the dead leader. Failover time per partition = first such acknowledgement -
 *       t0. Reported: the first partition back and all of them back.
 * </ol>
 */
public final class FailoverProbe {

  private static final Duration WARM_ACKS_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration RECOVERY_TIMEOUT = Duration.ofSeconds(90);
  private static final long SEND_INTERVAL_MS = 5;
  private static final int WARM_ACKS = 200;
  // Same size as the perf tools' records; contents do not matter.
  private static final byte[] PAYLOAD = new byte[1024];

  private final BenchCluster cluster;
  private final String topic;

  public FailoverProbe(BenchCluster cluster, String topic) {
    this.cluster = cluster;
    this.topic = topic;
  }

  public Map<Metric, Double> measure() {
    try (Admin admin = cluster.admin()) {
      int victim = chooseVictim(admin);
      Set<Integer> partitions = partitionsLedBy(admin, victim);
      System.out.printf(
          "    killing node %d (pid %d), leader of %s partitions %s%n",
          victim, cluster.process(victim).pid(), topic, partitions);
      return produceThroughKill(victim, partitions);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BenchException("interrupted during the failover probe", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new BenchException("cannot read partition leaders of " + topic, e);
    }
  }

  private int chooseVictim(Admin admin)
      throws ExecutionException, InterruptedException, TimeoutException {
    int quorumLeader = activeController(admin);
    Map<Integer, Integer> leaders = BenchTopics.leaders(admin, topic);
    return leaders.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .map(Map.Entry::getValue)
        .filter(leader -> leader != quorumLeader)
        .findFirst()
        .orElse(leaders.get(0));
  }

  /** The metadata quorum's leader, or -1 when the cluster does not answer DescribeQuorum. */
  private static int activeController(Admin admin) {
    try {
      return admin.describeMetadataQuorum().quorumInfo().get(10, TimeUnit.SECONDS).leaderId();
    } catch (Exception e) {
      System.out.printf("    (no DescribeQuorum answer, any leader may be the victim: %s)%n", e);
      return -1;
    }
  }

  private Set<Integer> partitionsLedBy(Admin admin, int victim)
      throws ExecutionException, InterruptedException, TimeoutException {
    return BenchTopics.leaders(admin, topic).entrySet().stream()
        .filter(e -> e.getValue() == victim)
        .map(Map.Entry::getKey)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private Map<Metric, Double> produceThroughKill(int victim, Set<Integer> partitions)
      throws InterruptedException {
    AtomicLong acked = new AtomicLong();
    Map<Integer, Long> firstAckAfterDeathNanos = new ConcurrentHashMap<>();
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig())) {
      long warmDeadline = System.nanoTime() + WARM_ACKS_TIMEOUT.toNanos();
      while (acked.get() < WARM_ACKS) {
        if (System.nanoTime() > warmDeadline) {
          throw new BenchException("no steady acknowledgements before the kill");
        }
        sendRound(producer, partitions, Long.MAX_VALUE, acked, firstAckAfterDeathNanos);
      }
      long killedAt = System.nanoTime();
      cluster.process(victim).killHard();
      long deadAt = System.nanoTime();
      long deadline = deadAt + RECOVERY_TIMEOUT.toNanos();
      while (firstAckAfterDeathNanos.size() < partitions.size() && System.nanoTime() < deadline) {
        sendRound(producer, partitions, deadAt, acked, firstAckAfterDeathNanos);
      }
      if (firstAckAfterDeathNanos.size() < partitions.size()) {
        throw new BenchException(
            "partitions "
                + partitions
                + " not all writable "
                + RECOVERY_TIMEOUT.toSeconds()
                + " s after killing node "
                + victim);
      }
      Map<Metric, Double> figures = new EnumMap<>(Metric.class);
      figures.put(
          Metric.FIRST_ACK_AFTER_KILL_MS,
          millisSince(killedAt, firstAckAfterDeathNanos.values().stream().min(Long::compare)));
      figures.put(
          Metric.ALL_PARTITIONS_ACK_AFTER_KILL_MS,
          millisSince(killedAt, firstAckAfterDeathNanos.values().stream().max(Long::compare)));
      return figures;
    }
  }

  /**
   * One record to each partition; acknowledgements of records sent after {@code countFrom} count.
   */
  private void sendRound(
      KafkaProducer<byte[], byte[]> producer,
      Set<Integer> partitions,
      long countFrom,
      AtomicLong acked,
      Map<Integer, Long> firstAck)
      throws InterruptedException {
    long sentAt = System.nanoTime();
    for (int partition : partitions) {
      producer.send(
          new ProducerRecord<>(topic, partition, null, PAYLOAD),
          (metadata, error) -> {
            if (error == null) {
              acked.incrementAndGet();
              if (sentAt >= countFrom) {
                firstAck.putIfAbsent(partition, System.nanoTime());
              }
            }
          });
    }
    Thread.sleep(SEND_INTERVAL_MS);
  }

  private Properties producerConfig() {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    props.put(ProducerConfig.LINGER_MS_CONFIG, "0");
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "120000");
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    return props;
  }

  private static double millisSince(long startNanos, Optional<Long> endNanos) {
    return (endNanos.orElseThrow() - startNanos) / 1e6;
  }
}
