package dev.brook.operator.cluster.model;

import dev.brook.operator.api.Cluster;
import dev.brook.operator.api.ClusterStatus;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.common.Uuid;

/**
 * The cluster id a Cluster's brokers are given and whether its controller quorum has formed.
 *
 * <p>The id is the Cluster's uid in Kafka's form (both are 16 random bytes), so it is the same at
 * every reconciliation without having to be stored first; status records it. A Cluster whose status
 * was written before Brook fixed ids (observed, yet no {@code clusterId}) keeps none: its brokers'
 * metadata belongs to the id they derive from the voters.
 *
 * <p>Once the quorum has formed, every broker starts with {@code
 * controller.quorum.auto.join.enable}, so a new voter (scale-up) or one whose volume was lost joins
 * the quorum instead of forming a second one. Before that it must not: the first voters form it.
 */
public final class QuorumIdentityModel {

  public static final String CLUSTER_ID = "cluster.id";
  public static final String AUTO_JOIN = "controller.quorum.auto.join.enable";

  private QuorumIdentityModel() {}

  public static Optional<String> clusterId(Cluster cluster) {
    ClusterStatus status = cluster.getStatus();
    if (status != null && status.getClusterId() != null) {
      return Optional.of(status.getClusterId());
    }
    boolean created = status == null || status.getObservedGeneration() == null;
    if (!created || cluster.getMetadata().getUid() == null) {
      return Optional.empty();
    }
    UUID uid = UUID.fromString(cluster.getMetadata().getUid());
    return Optional.of(
        new Uuid(uid.getMostSignificantBits(), uid.getLeastSignificantBits()).toString());
  }

  /** Whether brokers join the quorum rather than form it. */
  public static boolean autoJoin(Cluster cluster) {
    ClusterStatus status = cluster.getStatus();
    return clusterId(cluster).isPresent()
        && status != null
        && Boolean.TRUE.equals(status.getQuorumFormed());
  }
}
