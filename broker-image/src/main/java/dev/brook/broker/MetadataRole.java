package dev.brook.broker;

import dev.brook.broker.config.Listener;
import dev.brook.broker.controller.ClusterController;
import dev.brook.broker.controller.ControllerChannel;
import java.time.Duration;
import java.util.List;

/**
 * The part this node plays in the cluster metadata: all of it in a single-node cluster ({@link
 * SingleNodeMetadata}), or a voter or observer of the controller quorum ({@link QuorumMetadata}).
 * Started before the logs, since their configs come from the replayed metadata; closed after
 * everything that reads it.
 */
interface MetadataRole extends AutoCloseable {

  String clusterId();

  /** This node's controller: active, forwarding or refusing, as its role allows. */
  ClusterController controller();

  /** The way to the active controller, wherever it runs. */
  ControllerChannel controllerChannel();

  /** DescribeQuorum, AddRaftVoter and RemoveRaftVoter. */
  dev.brook.broker.raft.QuorumAdmin quorumAdmin();

  /** The node Metadata and DescribeCluster name as controller. */
  int controllerId();

  /** This process's incarnation epoch, as registered with the controller. */
  long brokerEpoch();

  /** False once this node stopped following the metadata log (its liveness probe then fails). */
  boolean isFollowing();

  /**
   * Whether this node votes in the metadata quorum's configuration and follows the log: what makes
   * a dedicated controller ready.
   */
  boolean isVoting();

  /** Registers this broker with the controller, reachable at {@code endpoints}. */
  void register(List<Listener> endpoints);

  /**
   * Moves leadership off this broker before it stops; true once the controller confirmed it.
   * Nothing to move in a single-node cluster.
   */
  boolean controlledShutdown(Duration timeout);

  @Override
  void close();
}
