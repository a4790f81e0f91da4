package dev.brook.operator.cluster;

import dev.brook.operator.api.PartitionMovesStatus;
import dev.brook.operator.healing.BrokerAvailability;
import dev.brook.operator.status.Outcome;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What one reconciliation of a Cluster found and did, for its status.
 *
 * @param outcome the condition reason of the operation that ran (or the wait)
 * @param brokers each broker's availability
 * @param leaving the brokers a scale-down removes
 * @param moves the partition moves running, if any
 * @param queued disruptive operations waiting for the running one
 * @param lostMessage why the cluster is degraded by lost brokers, empty when none is lost
 * @param cordoned the brokers this operator holds cordoned ({@link BrokerCordons})
 */
record Convergence(
    Outcome outcome,
    Map<Integer, BrokerAvailability> brokers,
    Set<Integer> leaving,
    Optional<PartitionMovesStatus> moves,
    List<String> queued,
    Optional<String> lostMessage,
    Set<Integer> cordoned) {

  static Convergence of(Outcome outcome, Map<Integer, BrokerAvailability> brokers) {
    return new Convergence(
        outcome, brokers, Set.of(), Optional.empty(), List.of(), Optional.empty(), Set.of());
  }

  Convergence withCordoned(Set<Integer> brokers) {
    return new Convergence(outcome, this.brokers, leaving, moves, queued, lostMessage, brokers);
  }

  Convergence withOutcome(Outcome replaced) {
    return new Convergence(replaced, brokers, leaving, moves, queued, lostMessage, cordoned);
  }
}
