package dev.brook.broker.api;

/** Placeholder replaced when the group coordinator lands. */
final class GroupApis implements AutoCloseable {
  GroupApis(
      dev.brook.broker.config.BrokerConfig config,
      dev.brook.broker.metadata.MetadataCache cache,
      dev.brook.broker.metadata.ClusterController controller,
      dev.brook.broker.replication.ReplicaManager replicaManager,
      org.apache.kafka.common.utils.Time time,
      java.util.concurrent.ScheduledExecutorService scheduler) {}

  void registerWith(KafkaApis apis) {}

  @Override
  public void close() {}
}
