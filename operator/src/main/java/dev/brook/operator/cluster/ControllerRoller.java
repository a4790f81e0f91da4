package dev.brook.operator.cluster;

import dev.brook.operator.api.Cluster;
import dev.brook.operator.api.ConditionReason;
import dev.brook.operator.kafka.KafkaCallException;
import dev.brook.operator.quorum.QuorumChanges;
import dev.brook.operator.status.Outcome;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the dedicated controller pods ({@code spec.controllers.dedicated}) in their desired form,
 * one pod at a time: a controller the spec no longer has leaves the quorum, then its pod goes; a
 * stale one restarts (lowest id first, the active controller last), each only while the quorum
 * keeps its majority ({@link QuorumChanges#restartBlocker}). Partitions are not involved: no
 * controller holds one.
 */
final class ControllerRoller {

  private static final Logger LOG = LoggerFactory.getLogger(ControllerRoller.class);

  private final KubernetesClient client;

  ControllerRoller(KubernetesClient client) {
    this.client = client;
  }

  /**
   * @param joinable wanted voters not in the quorum yet whose pods are up to date
   * @return what it did or waits for; empty when every controller pod has its desired form
   * @throws KafkaCallException when a voter cannot be removed
   */
  Optional<Outcome> run(
      Cluster cluster,
      BrokerFleet controllers,
      Map<Integer, Pod> desired,
      QuorumChanges quorum,
      Set<Integer> joinable) {
    for (Map.Entry<Integer, Pod> entry : controllers.pods().entrySet()) {
      int id = entry.getKey();
      if (desired.containsKey(id)
          || entry.getValue().getMetadata().getDeletionTimestamp() != null) {
        continue;
      }
      Optional<String> blocker = quorum.restartBlocker(id, Set.of());
      if (quorum.mustLeave(id) && blocker.isPresent()) {
        return Optional.of(
            Outcome.transientProblem(ConditionReason.WaitingForQuorum, blocker.get()));
      }
      quorum.removeIfUnwanted(id);
      LOG.info(
          "Cluster {}/{}: controller {} left the quorum; deleting pod {}",
          cluster.getMetadata().getNamespace(),
          cluster.getMetadata().getName(),
          id,
          entry.getValue().getMetadata().getName());
      client.resource(entry.getValue()).delete();
      return Optional.of(
          Outcome.transientProblem(
              ConditionReason.ReconfiguringQuorum,
              "removed controller " + id + " from the quorum and deleted its pod"));
    }
    List<Integer> stale = BrokerRoller.stale(controllers, desired);
    if (stale.isEmpty()) {
      return Optional.empty();
    }
    int id = RollOrder.next(stale, OptionalInt.of(quorum.quorum().leaderId()));
    Optional<String> blocker = quorum.restartBlocker(id, joinable);
    if (blocker.isPresent()) {
      return Optional.of(Outcome.transientProblem(ConditionReason.WaitingForQuorum, blocker.get()));
    }
    return Optional.of(
        new BrokerRoller(client).restart(cluster, controllers.pods().get(id), "controller " + id));
  }
}
