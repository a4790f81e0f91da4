package dev.brook.broker.raft;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.common.Uuid;

/**
 * The cluster id and the Raft group id of a quorum. Given a {@code cluster.id}, both come from it
 * and stay the same whatever happens to the voters; without one both are derived from the voter
 * list ({@link QuorumVoters#clusterId}), which suits a quorum whose voters never change.
 */
public record QuorumIdentity(String clusterId, UUID groupId) {

  public static QuorumIdentity of(Optional<String> configuredClusterId, QuorumVoters voters) {
    return configuredClusterId
        .map(QuorumIdentity::ofClusterId)
        .orElseGet(() -> new QuorumIdentity(voters.clusterId(), voters.groupId()));
  }

  static QuorumIdentity ofClusterId(String clusterId) {
    validate(clusterId);
    UUID group =
        UUID.nameUUIDFromBytes(
            ("brook-metadata-group:" + clusterId).getBytes(StandardCharsets.UTF_8));
    return new QuorumIdentity(clusterId, group);
  }

  /** Kafka's form: 16 bytes in URL-safe base64 without padding (22 characters). */
  private static void validate(String clusterId) {
    try {
      Uuid.fromString(clusterId);
    } catch (IllegalArgumentException e) {
      throw new org.apache.kafka.common.config.ConfigException(
          "cluster.id",
          clusterId,
          "expected a Kafka cluster id (base64 of 16 bytes, 22 characters)");
    }
  }
}
