package dev.brook.operator.quorum;

import static dev.brook.operator.kafka.KafkaCalls.await;

import dev.brook.operator.kafka.KafkaCallException;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.RemoveRaftVoterOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Changes the voter set one voter at a time and keeps restarts from costing the quorum its
 * majority.
 *
 * <p>Voters join by themselves: a broker that starts as a controller with auto-join asks the active
 * controller to add it. Voters leave only when the operator removes them, before their pods are
 * deleted (scale-down) or restarted as brokers only (a smaller {@code controllers.count}): a pod
 * gone while still a voter would leave the quorum one vote short for good.
 */
public final class QuorumChanges {

  private static final Logger LOG = LoggerFactory.getLogger(QuorumChanges.class);

  private final Admin admin;
  private final ControllerQuorum quorum;
  private final Set<Integer> desired;
  private final Optional<String> clusterId;

  /**
   * @param desired the voters the spec wants
   * @param clusterId the cluster id the brokers were given, checked by the controller if present
   */
  public QuorumChanges(
      Admin admin, ControllerQuorum quorum, Set<Integer> desired, Optional<String> clusterId) {
    this.admin = admin;
    this.quorum = quorum;
    this.desired = Set.copyOf(desired);
    this.clusterId = clusterId;
  }

  public ControllerQuorum quorum() {
    return quorum;
  }

  /** Whether {@code id} is a voter the spec no longer wants. */
  public boolean mustLeave(int id) {
    return quorum.isVoter(id) && !desired.contains(id);
  }

  /**
   * Removes {@code id} from the voters if it is one the spec no longer wants; returns once the
   * controller committed the change.
   *
   * @return whether it was removed now
   * @throws KafkaCallException when the controller refuses or does not answer
   */
  public boolean removeIfUnwanted(int id) {
    if (!mustLeave(id)) {
      return false;
    }
    RemoveRaftVoterOptions options = new RemoveRaftVoterOptions().setClusterId(clusterId);
    await(
        admin.removeRaftVoter(id, quorum.voters().get(id).directoryId(), options).all(),
        "remove voter " + id + " from the controller quorum");
    LOG.info("removed broker {} from the controller quorum's voters", id);
    return true;
  }

  /**
   * Why {@code id} must not restart (or leave) now, if it must not:
   *
   * <ul>
   *   <li>a voter the spec wants, whose pod already runs in its new form, has not joined yet:
   *       restarting a voter then would stall the join;
   *   <li>the voters other than {@code id} that are caught up are no majority of the voter set (for
   *       a voter that stays), or of the voter set without it (for one that leaves: the smaller
   *       quorum must be able to commit its own removal and go on).
   * </ul>
   *
   * A one-voter quorum restarts anyway: nothing can keep it up.
   *
   * @param joinable the wanted voters that are not voters yet and whose pods are up to date
   */
  public Optional<String> restartBlocker(int id, Set<Integer> joinable) {
    if (!quorum.isVoter(id)) {
      return Optional.empty();
    }
    if (!joinable.isEmpty()) {
      return Optional.of(
          "voter "
              + id
              + " waits to restart: brokers "
              + new java.util.TreeSet<>(joinable)
              + " have not joined the controller quorum yet");
    }
    int voters = quorum.voters().size();
    if (voters == 1) {
      return Optional.empty();
    }
    int majority = (mustLeave(id) ? voters - 1 : voters) / 2 + 1;
    int others = quorum.caughtUpOthers(id);
    if (others < majority) {
      return Optional.of(
          "voter "
              + id
              + " waits to "
              + (mustLeave(id) ? "leave" : "restart")
              + ": "
              + others
              + " of the other voters are caught up with the active controller, and the quorum"
              + " needs "
              + majority);
    }
    return Optional.empty();
  }
}
