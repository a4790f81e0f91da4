package dev.brook.broker.http;

import dev.brook.broker.replication.Partition;
import dev.brook.broker.replication.ReplicaManager;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.function.Predicate;

/**
 * The replica state Kafka operators alert on, read when scraped: partition and leader counts,
 * under-replicated and under-min-ISR partitions this broker leads, ISR shrinks and expansions, and
 * each hosted log's size. The controller's are {@link ControllerGauges}.
 */
public final class PartitionGauges {

  private final ReplicaManager replicas;
  private final MultiGauge logSizes;

  public PartitionGauges(MeterRegistry registry, ReplicaManager replicas) {
    this.replicas = replicas;
    gauge(
        registry,
        "kafka.server.replicamanager.partitioncount",
        "Replicas this broker hosts",
        p -> true);
    gauge(
        registry,
        "kafka.server.replicamanager.leadercount",
        "Partitions this broker leads",
        Partition::isLeader);
    gauge(
        registry,
        "kafka.server.replicamanager.underreplicatedpartitions",
        "Partitions this broker leads whose ISR is smaller than their replica set",
        p -> p.isLeader() && p.registration().isr().size() < p.registration().replicas().size());
    gauge(
        registry,
        "kafka.server.replicamanager.underminisrpartitioncount",
        "Partitions this broker leads whose ISR is below min.insync.replicas (acks=all refused)",
        p -> p.isLeader() && p.registration().isr().size() < p.log().config().minInsyncReplicas());
    FunctionCounter.builder(
            "kafka.server.replicamanager.isrshrinks", replicas, ReplicaManager::isrShrinks)
        .description("ISR shrinks committed for partitions this broker leads")
        .register(registry);
    FunctionCounter.builder(
            "kafka.server.replicamanager.isrexpands", replicas, ReplicaManager::isrExpansions)
        .description("ISR expansions committed for partitions this broker leads")
        .register(registry);
    this.logSizes =
        MultiGauge.builder("kafka.log.log.size")
            .description("Bytes of each hosted partition's log")
            .baseUnit("bytes")
            .register(registry);
  }

  /** Brings the per-partition log size rows up to date; call before each scrape. */
  public void refresh() {
    logSizes.register(
        replicas.partitions().stream()
            .map(
                p ->
                    MultiGauge.Row.of(
                        Tags.of(
                            "topic",
                            p.topicPartition().topic(),
                            "partition",
                            Integer.toString(p.topicPartition().partition())),
                        p.log().sizeInBytes()))
            .toList(),
        true);
  }

  private void gauge(
      MeterRegistry registry, String name, String description, Predicate<Partition> counted) {
    Gauge.builder(name, () -> replicas.partitions().stream().filter(counted).count())
        .description(description)
        .register(registry);
  }
}
