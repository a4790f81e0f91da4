package dev.brook.operator.cluster;

import dev.brook.operator.api.Cluster;
import dev.brook.operator.api.ConditionReason;
import dev.brook.operator.api.PartitionMovesStatus;
import dev.brook.operator.cluster.model.BrokerConfigModel;
import dev.brook.operator.cluster.model.BrokerIds;
import dev.brook.operator.cluster.model.ClusterNames;
import dev.brook.operator.cluster.model.ControllerIds;
import dev.brook.operator.cluster.model.QuorumIdentityModel;
import dev.brook.operator.healing.BrokerAvailability;
import dev.brook.operator.kafka.KafkaCallException;
import dev.brook.operator.quorum.ControllerQuorum;
import dev.brook.operator.quorum.QuorumChanges;
import dev.brook.operator.reassign.ClusterLayout;
import dev.brook.operator.reassign.MoveProgress;
import dev.brook.operator.reassign.PreferredLeaders;
import dev.brook.operator.status.Outcome;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.InvalidRequestException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses and runs the one disruptive operation of a Cluster that has work, in this order: heal
 * lost brokers, drain leaving brokers, wait for pods, roll changed pods, wait for every broker to
 * join, rebalance. The operations behind the running one are reported as queued, so a roll never
 * runs during a drain, nor a rebalance during a heal. With nothing to do, removed brokers are
 * unregistered and preferred leaders are restored.
 */
final class ClusterOperations {

  private static final Logger LOG = LoggerFactory.getLogger(ClusterOperations.class);

  private final Cluster cluster;
  private final KubernetesClient client;
  private final BrokerFleet fleet;
  private final Map<Integer, Pod> desired;
  private final ControllerPods controllers;
  private final Map<Integer, BrokerAvailability> health;
  private final Set<Integer> leaving;
  private final Map<Integer, String> racks;
  private final Instant now;
  private final Set<Integer> lost;
  private final Optional<String> lostMessage;

  ClusterOperations(
      Cluster cluster,
      KubernetesClient client,
      BrokerFleet fleet,
      Map<Integer, Pod> desired,
      ControllerPods controllers,
      Map<Integer, BrokerAvailability> health,
      Set<Integer> leaving,
      Map<Integer, String> racks,
      Instant now) {
    this.cluster = cluster;
    this.client = client;
    this.fleet = fleet;
    this.desired = desired;
    this.controllers = controllers;
    this.health = health;
    this.leaving = leaving;
    this.racks = racks;
    this.now = now;
    this.lost =
        health.values().stream()
            .filter(BrokerAvailability::lost)
            .map(BrokerAvailability::id)
            .collect(Collectors.toCollection(TreeSet::new));
    this.lostMessage = lostMessage(health);
  }

  /** The cluster cannot be asked (starting, or no broker answers): only pods are looked after. */
  Convergence withoutLayout(int created, String kafkaProblem) {
    Outcome outcome;
    if (created > 0
        || !fleet.allReady(BrokerIds.of(cluster.getSpec()))
        || !controllers.allReady()) {
      outcome = Outcome.transientProblem(ConditionReason.Creating, waitingForPods());
    } else if (kafkaProblem != null) {
      outcome = Outcome.transientProblem(ConditionReason.KafkaUnavailable, kafkaProblem);
    } else {
      outcome =
          Outcome.transientProblem(ConditionReason.Creating, "waiting for a bootstrap address");
    }
    return result(outcome, Optional.empty(), List.of());
  }

  Convergence failed(KafkaCallException e) {
    return result(
        Outcome.transientProblem(ConditionReason.KafkaUnavailable, e.getMessage()),
        Optional.empty(),
        List.of());
  }

  /**
   * Applies the run-time keys of {@code spec.config} ({@link DynamicBrokerDefaults}), then runs the
   * operation with work. A value the brokers refuse does not hold up healing or scaling: it is
   * reported once nothing else is under way.
   */
  Convergence run(Admin admin, ClusterLayout layout, int created) {
    Optional<String> configProblem = Optional.empty();
    try {
      DynamicBrokerDefaults.apply(admin, BrokerConfigModel.dynamicDefaults(cluster.getSpec()));
    } catch (KafkaCallException e) {
      if (!(e.getCause() instanceof InvalidConfigurationException)
          && !(e.getCause() instanceof InvalidRequestException)) {
        throw e;
      }
      configProblem = Optional.of("spec.config: the brokers refused " + e.getMessage());
    }
    Convergence result = operate(admin, layout, created);
    if (configProblem.isPresent() && result.outcome().reason() == ConditionReason.Reconciled) {
      return result.withOutcome(
          Outcome.specProblem(ConditionReason.InvalidSpec, configProblem.get()));
    }
    return result;
  }

  private Convergence operate(Admin admin, ClusterLayout layout, int created) {
    int replicas = cluster.getSpec().getReplicas();
    Set<Integer> wanted = BrokerIds.of(cluster.getSpec());
    PartitionOperations moves =
        new PartitionOperations(
            admin,
            layout,
            cluster.getSpec().getHealing().getMaxConcurrentMoves(),
            cluster.getSpec().getHealing().getThrottleBytesPerSecond(),
            ClusterReconciler.previousMoves(cluster),
            now);
    List<Integer> stale = BrokerRoller.stale(fleet, desired);
    Set<Integer> voters = BrokerConfigModel.voterIds(cluster.getSpec());
    QuorumChanges quorum =
        new QuorumChanges(
            admin,
            ControllerQuorum.describe(admin),
            voters,
            QuorumIdentityModel.clusterId(cluster));
    BrokerFleet voterPods =
        ControllerIds.dedicated(cluster.getSpec()) ? controllers.current() : fleet;
    List<Integer> staleVoters =
        ControllerIds.dedicated(cluster.getSpec()) ? controllers.stale() : stale;
    Set<Integer> joinable =
        quorum.quorum().missing(voters).stream()
            .filter(id -> voterPods.pod(id).isPresent() && !staleVoters.contains(id))
            .collect(Collectors.toCollection(TreeSet::new));
    Set<Integer> excluded = new TreeSet<>(lost);
    excluded.addAll(leaving);

    if (!lost.isEmpty()) {
      Optional<PartitionMovesStatus> heal = moves.heal(withRacks(lost), leaving);
      if (heal.isPresent()) {
        return result(
            Outcome.moving(
                ConditionReason.Healing,
                "moving the replicas of lost brokers "
                    + lost
                    + " to live brokers: "
                    + MoveProgress.describe(heal.get())
                    + stuckNote(moves.stuck())),
            heal,
            queued(true, stale, moves, excluded));
      }
    }
    if (!leaving.isEmpty()) {
      return drain(layout, moves, stale, excluded, quorum);
    }
    if (created > 0 || !fleet.allReady(wanted) || !controllers.allReady()) {
      Outcome outcome =
          lostMessage
              .map(
                  message ->
                      new Outcome(
                          ConditionReason.BrokerLost,
                          message + stuckNote(moves.stuck()),
                          Outcome.TRANSIENT_RETRY))
              .orElse(Outcome.transientProblem(ConditionReason.Creating, waitingForPods()));
      return result(outcome, Optional.empty(), queued(false, stale, moves, excluded));
    }
    Optional<Outcome> controllerStep =
        new ControllerRoller(client)
            .run(cluster, controllers.current(), controllers.desired(), quorum, joinable);
    if (controllerStep.isPresent()) {
      return result(controllerStep.get(), Optional.empty(), List.of());
    }
    if (!stale.isEmpty()) {
      if (!layout.moving().isEmpty()) {
        return result(
            Outcome.transientProblem(
                ConditionReason.RollingRestart,
                "the roll waits for " + layout.moving().size() + " partition moves to finish"),
            Optional.empty(),
            List.of());
      }
      return result(
          new BrokerRoller(client).roll(cluster, fleet, stale, admin, layout, quorum, joinable),
          Optional.empty(),
          List.of());
    }
    long registered = layout.liveBrokers().keySet().stream().filter(wanted::contains).count();
    if (registered < replicas) {
      return result(
          BrokerRoller.checkMembership(cluster, (int) registered), Optional.empty(), List.of());
    }
    Optional<Outcome> reconfiguring = reconfigureQuorum(quorum, voters, joinable);
    if (reconfiguring.isPresent()) {
      return result(reconfiguring.get(), Optional.empty(), List.of());
    }
    Optional<PartitionMovesStatus> rebalance = moves.rebalance(excluded);
    if (rebalance.isPresent()) {
      return result(
          Outcome.moving(
              ConditionReason.Rebalancing,
              "moving replicas and leaders to even out brokers "
                  + rebalance.get().getBrokers()
                  + ": "
                  + MoveProgress.describe(rebalance.get())),
          rebalance,
          List.of());
    }
    if (ClusterReconciler.previousMoves(cluster).isPresent() && layout.moving().isEmpty()) {
      moves.clearThrottles();
    }
    RemovedBrokers.unregister(admin, wanted, fleet, layout);
    PreferredLeaders.elect(admin, layout);
    return result(
        BrokerRoller.checkMembership(cluster, (int) registered), Optional.empty(), List.of());
  }

  /**
   * What is left of a voter change once every pod runs its new form: voters the spec no longer
   * wants that a roll did not remove (one per reconciliation), wanted ones that have not joined.
   */
  private static Optional<Outcome> reconfigureQuorum(
      QuorumChanges quorum, Set<Integer> voters, Set<Integer> joinable) {
    Set<Integer> unwanted = quorum.quorum().unwanted(voters);
    if (!unwanted.isEmpty()) {
      int id = unwanted.iterator().next();
      Optional<String> blocker = quorum.restartBlocker(id, Set.of());
      if (blocker.isPresent()) {
        return Optional.of(
            Outcome.transientProblem(ConditionReason.WaitingForQuorum, blocker.get()));
      }
      quorum.removeIfUnwanted(id);
      return Optional.of(
          Outcome.transientProblem(
              ConditionReason.ReconfiguringQuorum,
              "removed broker " + id + " from the controller quorum's voters"));
    }
    if (!joinable.isEmpty()) {
      return Optional.of(
          Outcome.transientProblem(
              ConditionReason.ReconfiguringQuorum,
              "waiting for brokers "
                  + joinable
                  + " to join the controller quorum (voters now "
                  + quorum.quorum().voterIds()
                  + ")"));
    }
    return Optional.empty();
  }

  private Convergence drain(
      ClusterLayout layout,
      PartitionOperations moves,
      List<Integer> stale,
      Set<Integer> excluded,
      QuorumChanges quorum) {
    int replicas = cluster.getSpec().getReplicas();
    int largestFactor = layout.largestReplicationFactor();
    if (largestFactor > replicas) {
      return result(
          Outcome.specProblem(
              ConditionReason.ScaleDownRefused,
              "spec.replicas "
                  + replicas
                  + " is below the largest replication factor "
                  + largestFactor
                  + ": brokers "
                  + leaving
                  + " are kept; lower the topics' replication factor first"),
          Optional.empty(),
          List.of());
    }
    Optional<PartitionMovesStatus> drain = moves.drain(withRacks(leaving), lost);
    if (drain.isPresent()) {
      Duration timeout = cluster.getSpec().getHealing().drainTimeout();
      Instant started = Instant.parse(drain.get().getStartedAt());
      String progress = MoveProgress.describe(drain.get());
      if (now.isAfter(started.plus(timeout))) {
        return result(
            new Outcome(
                ConditionReason.DrainFailed,
                "draining brokers "
                    + leaving
                    + " did not finish within spec.healing.drainTimeout "
                    + cluster.getSpec().getHealing().getDrainTimeout()
                    + " ("
                    + progress
                    + "); partitions left on them: "
                    + layout.partitionsOn(leaving)
                    + "; nothing is deleted",
                Outcome.TRANSIENT_RETRY),
            drain,
            queued(false, stale, moves, excluded));
      }
      return result(
          Outcome.moving(
              ConditionReason.Draining,
              "moving the replicas of leaving brokers " + leaving + " away: " + progress),
          drain,
          queued(false, stale, moves, excluded));
    }
    if (!moves.stuck().isEmpty()) {
      return result(
          new Outcome(
              ConditionReason.DrainFailed,
              "cannot drain brokers "
                  + leaving
                  + ": partitions "
                  + moves.stuck()
                  + " have no live broker to move to, or keep a replica on a broker that is down;"
                  + " nothing is deleted",
              Outcome.TRANSIENT_RETRY),
          Optional.empty(),
          List.of());
    }
    List<Integer> holding =
        leaving.stream().filter(layout.brokersWithReplicas()::contains).toList();
    if (!holding.isEmpty()) {
      return result(
          Outcome.moving(
              ConditionReason.Draining,
              "brokers " + holding + " still hold replicas; waiting for the moves to settle"),
          Optional.empty(),
          List.of());
    }
    Optional<Outcome> quorumStep = removeDrained(quorum);
    if (quorumStep.isPresent()) {
      return result(quorumStep.get(), Optional.empty(), List.of());
    }
    return result(
        Outcome.transientProblem(
            ConditionReason.Draining, "brokers " + leaving + " are drained and being removed"),
        Optional.empty(),
        List.of());
  }

  /**
   * Deletes the pods of drained brokers, and their claims when {@code deleteClaim} says so; a voter
   * among them leaves the quorum first, one per reconciliation (the next one sees the smaller
   * quorum).
   *
   * @return the quorum change made or waited for, if there was one
   */
  private Optional<Outcome> removeDrained(QuorumChanges quorum) {
    for (int id : leaving) {
      if (quorum.mustLeave(id)) {
        Optional<String> blocker = quorum.restartBlocker(id, Set.of());
        if (blocker.isPresent()) {
          return Optional.of(
              Outcome.transientProblem(ConditionReason.WaitingForQuorum, blocker.get()));
        }
        quorum.removeIfUnwanted(id);
        deletePod(id);
        return Optional.of(
            Outcome.transientProblem(
                ConditionReason.ReconfiguringQuorum,
                "removed drained broker " + id + " from the controller quorum's voters"));
      }
      deletePod(id);
    }
    return Optional.empty();
  }

  private void deletePod(int id) {
    fleet
        .pod(id)
        .filter(pod -> pod.getMetadata().getDeletionTimestamp() == null)
        .ifPresent(
            pod -> {
              LOG.info(
                  "Cluster {}/{}: broker {} holds no replica; deleting pod {}",
                  cluster.getMetadata().getNamespace(),
                  cluster.getMetadata().getName(),
                  id,
                  pod.getMetadata().getName());
              client.resource(pod).delete();
            });
    if (cluster.getSpec().getStorage().isDeleteClaim()) {
      client
          .persistentVolumeClaims()
          .inNamespace(cluster.getMetadata().getNamespace())
          .withName(ClusterNames.dataClaim(cluster, id))
          .delete();
    }
  }

  private String waitingForPods() {
    return controllers.allReady()
        ? "waiting for broker pods to be ready"
        : "waiting for broker and controller pods to be ready";
  }

  private List<String> queued(
      boolean healing, List<Integer> stale, PartitionOperations moves, Set<Integer> excluded) {
    List<String> queued = new ArrayList<>();
    if (healing && !leaving.isEmpty()) {
      queued.add("Drain brokers " + leaving);
    }
    if (!stale.isEmpty()) {
      queued.add("RollingRestart brokers " + stale);
    }
    if (moves.rebalanceNeeded(excluded)) {
      queued.add("Rebalance");
    }
    return queued;
  }

  private Map<Integer, Optional<String>> withRacks(Set<Integer> brokers) {
    Map<Integer, Optional<String>> withRacks = new TreeMap<>();
    brokers.forEach(id -> withRacks.put(id, Optional.ofNullable(racks.get(id))));
    return withRacks;
  }

  private Convergence result(
      Outcome outcome, Optional<PartitionMovesStatus> moves, List<String> queued) {
    return new Convergence(outcome, health, leaving, moves, queued, lostMessage, Set.of());
  }

  private static String stuckNote(SortedSet<String> stuck) {
    return stuck.isEmpty()
        ? ""
        : "; partitions "
            + stuck
            + " keep a replica on the lost brokers: every live broker holds one already";
  }

  private static Optional<String> lostMessage(Map<Integer, BrokerAvailability> health) {
    List<String> lost =
        health.values().stream()
            .filter(BrokerAvailability::lost)
            .map(
                b ->
                    "broker "
                        + b.id()
                        + " lost since "
                        + b.since().orElseThrow()
                        + " ("
                        + b.reason().orElseThrow()
                        + ")")
            .toList();
    return lost.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", lost));
  }
}
