package dev.brook.compat;

/**
 * IBM Sarama (ClusterAdmin, an idempotent SyncProducer, a classic ConsumerGroup), configured in
 * turn for a recent Kafka, its default and an old one, which decides the request versions it sends
 * ({@code compat/clients/go/cmd/sarama}).
 */
class SaramaIT extends GoProgramIT {

  @Override
  String command() {
    return "sarama";
  }
}
