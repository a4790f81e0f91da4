package dev.brook.placement;

import java.util.Objects;
import java.util.Optional;

/**
 * A broker that can hold replicas: its id and, when {@code broker.rack} is set, its rack.
 *
 * <p>Brokers without a rack are not rack-less for placement purposes: like Kafka's KRaft
 * controller, placement treats all of them as members of one unnamed rack. A cluster with no racks
 * at all is therefore a one-rack cluster, and in a partly configured cluster the unconfigured
 * brokers form one failure domain next to the named racks.
 */
public record BrokerInfo(int id, Optional<String> rack) {

  public BrokerInfo {
    if (id < 0) {
      throw new IllegalArgumentException("broker id must be >= 0, got " + id);
    }
    Objects.requireNonNull(rack, "rack");
    if (rack.isPresent() && rack.get().isEmpty()) {
      throw new IllegalArgumentException("broker " + id + ": rack name must not be empty");
    }
  }

  /** A broker with the given {@code broker.rack}; null or empty means no rack, as in Kafka. */
  public static BrokerInfo of(int id, String rack) {
    return new BrokerInfo(
        id, rack == null || rack.isEmpty() ? Optional.empty() : Optional.of(rack));
  }

  public static BrokerInfo withoutRack(int id) {
    return new BrokerInfo(id, Optional.empty());
  }
}
