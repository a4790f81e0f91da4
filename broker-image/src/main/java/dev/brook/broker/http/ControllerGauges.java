package dev.brook.broker.http;

import dev.brook.broker.metadata.MetadataCache;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.BooleanSupplier;

/**
 * The controller state Kafka operators alert on, on every node of the quorum: whether this node is
 * the active controller, and offline partitions (reported by the active controller only, as Kafka
 * does, so a cluster-wide sum counts each once).
 */
public final class ControllerGauges {

  private ControllerGauges() {}

  public static void register(
      MeterRegistry registry, MetadataCache metadata, BooleanSupplier activeController) {
    Gauge.builder(
            "kafka.controller.kafkacontroller.activecontrollercount",
            () -> activeController.getAsBoolean() ? 1 : 0)
        .description("1 on the active controller, 0 elsewhere")
        .register(registry);
    Gauge.builder(
            "kafka.controller.kafkacontroller.offlinepartitionscount",
            () -> offlinePartitions(metadata, activeController))
        .description("Partitions without a leader, as the active controller sees them")
        .register(registry);
  }

  private static long offlinePartitions(MetadataCache metadata, BooleanSupplier activeController) {
    if (!activeController.getAsBoolean()) {
      return 0;
    }
    return metadata.image().topicsByName().values().stream()
        .flatMap(topic -> topic.partitions().values().stream())
        .filter(partition -> !partition.hasLeader())
        .count();
  }
}
