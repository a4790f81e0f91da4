package dev.brook.operator.cluster;

import dev.brook.operator.api.BrokerStatus;
import dev.brook.operator.api.Cluster;
import dev.brook.operator.api.ClusterStatus;
import dev.brook.operator.api.ConditionReason;
import dev.brook.operator.api.PartitionMovesStatus;
import dev.brook.operator.cluster.model.BrokerConfigKeys;
import dev.brook.operator.cluster.model.BrokerIds;
import dev.brook.operator.cluster.model.ClusterNames;
import dev.brook.operator.cluster.model.ControllerIds;
import dev.brook.operator.events.EventPublisher;
import dev.brook.operator.events.ReadyTransitions;
import dev.brook.operator.healing.BrokerAvailability;
import dev.brook.operator.healing.BrokerHealth;
import dev.brook.operator.healing.PodReplacer;
import dev.brook.operator.kafka.AdminClients;
import dev.brook.operator.kafka.KafkaCallException;
import dev.brook.operator.reassign.ClusterLayout;
import dev.brook.operator.reassign.ClusterLayoutReader;
import dev.brook.operator.status.Outcome;
import dev.brook.operator.status.ReconciliationPause;
import dev.brook.operator.status.StatusPatches;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.Mappers;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;

/**
 * Runs a Brook cluster: the workflow keeps the cluster-wide objects (broker config, services,
 * disruption budget, data claims) equal to their models; then, every reconciliation:
 *
 * <ol>
 *   <li>Assess each broker ({@link BrokerHealth}): unavailable since when, lost or not; replace
 *       pods that will never serve again ({@link PodReplacer}); create missing pods.
 *   <li>Run the one disruptive operation with the highest priority that has work, the others
 *       queued: heal lost brokers, drain leaving ones (scale-down), roll pods whose form changed,
 *       rebalance an uneven cluster ({@link PartitionOperations}, {@link BrokerRoller}). Then hand
 *       leadership back to preferred replicas.
 *   <li>Write status: conditions, brokers, partition moves, bootstrap address, scale subresource.
 * </ol>
 *
 * The partition layout and the moves in flight are read from the cluster every time, so an operator
 * restarted in the middle of an operation resumes it.
 */
@Workflow(
    explicitInvocation = true,
    dependents = {
      @Dependent(name = "config", type = BrokerConfigMapDependent.class),
      @Dependent(name = "headless-service", type = HeadlessServiceDependent.class),
      @Dependent(name = "bootstrap-service", type = BootstrapServiceDependent.class),
      @Dependent(name = "disruption-budget", type = PodDisruptionBudgetDependent.class),
      @Dependent(name = "data-claims", type = DataClaimsDependent.class)
    })
@ControllerConfiguration(name = "cluster")
public class ClusterReconciler implements Reconciler<Cluster> {

  private final AdminClients admins;

  public ClusterReconciler(AdminClients admins) {
    this.admins = admins;
  }

  @Override
  public List<EventSource<?, Cluster>> prepareEventSources(EventSourceContext<Cluster> context) {
    InformerEventSourceConfiguration<Pod> pods =
        InformerEventSourceConfiguration.from(Pod.class, Cluster.class)
            .withName("broker-pods")
            .withLabelSelector(ClusterNames.MANAGED_BY_LABEL + "=" + ClusterNames.MANAGED_BY)
            .withSecondaryToPrimaryMapper(Mappers.fromOwnerReferences(Cluster.class))
            .build();
    return List.of(new InformerEventSource<>(pods, context));
  }

  @Override
  public UpdateControl<Cluster> reconcile(Cluster cluster, Context<Cluster> context) {
    if (ReconciliationPause.isPaused(cluster)) {
      return ReconciliationPause.hold(
          cluster, ClusterStatus.class, ClusterStatus::new, Cluster::new);
    }
    context.managedWorkflowAndDependentResourceContext().reconcileManagedWorkflow();
    BrokerFleet fleet = BrokerFleet.of(context.getSecondaryResources(Pod.class));
    Convergence convergence = converge(cluster, context, fleet, Instant.now());
    ClusterStatus status = ClusterStatusModel.status(cluster, fleet, convergence);
    ReadyTransitions.announce(
        new EventPublisher(context.getClient()),
        cluster,
        cluster.getStatus() == null ? null : cluster.getStatus().getConditions(),
        convergence.outcome());
    return StatusPatches.patchIfChanged(cluster, status, Cluster::new, convergence.outcome());
  }

  private Convergence converge(
      Cluster cluster, Context<Cluster> context, BrokerFleet fleet, Instant now) {
    KubernetesClient client = context.getClient();
    Collection<PersistentVolumeClaim> claims =
        context.getSecondaryResources(PersistentVolumeClaim.class);
    Map<String, Node> nodes =
        client.nodes().list().getItems().stream()
            .collect(Collectors.toMap(n -> n.getMetadata().getName(), Function.identity()));
    List<String> zones = NodeZones.of(nodes.values(), cluster.getSpec().getRack().getTopologyKey());
    Map<Integer, String> recordedZones = BrokerZones.recorded(claims, previousRacks(cluster));
    Map<Integer, Pod> desired = BrokerRoller.desired(cluster, fleet, zones, recordedZones);
    ControllerPods controllers = controllerPods(cluster, context, claims, zones);

    Optional<Admin> admin = admin(cluster);
    Optional<ClusterLayout> layout = Optional.empty();
    String kafkaProblem = null;
    if (admin.isPresent()) {
      try {
        layout = Optional.of(ClusterLayoutReader.read(admin.get()));
      } catch (KafkaCallException e) {
        kafkaProblem = e.getMessage();
      }
    }
    Set<Integer> wanted = BrokerIds.of(cluster.getSpec());
    Set<Integer> leaving = leaving(wanted, fleet, layout);
    Set<Integer> ids = new TreeSet<>(fleet.pods().keySet());
    ids.addAll(wanted);
    ids.removeAll(leaving);
    Map<Integer, BrokerAvailability> health =
        BrokerHealth.assess(
            ids,
            fleet.pods(),
            nodes,
            previousAvailability(cluster),
            layout.map(l -> l.liveBrokers().keySet()),
            cluster.getSpec().getHealing().gracePeriod(),
            now);
    new PodReplacer(client)
        .replace(fleet.pods(), health, nodes, id -> ClusterNames.dataClaim(cluster, id));
    BrokerRoller roller = new BrokerRoller(client);
    int created =
        roller.createMissing(cluster, fleet, desired, claims)
            + roller.createMissing(cluster, controllers.current(), controllers.desired(), claims);

    Map<Integer, String> racks = new TreeMap<>(recordedZones);
    racks.putAll(fleet.racks());
    ClusterOperations operations =
        new ClusterOperations(
            cluster, client, fleet, desired, controllers, health, leaving, racks, now);
    Set<Integer> cordoned = previousCordoned(cluster);
    Convergence result;
    if (layout.isEmpty()) {
      result = operations.withoutLayout(created, kafkaProblem);
    } else {
      try {
        cordoned =
            BrokerCordons.sync(admin.get(), leaving, layout.get().liveBrokers().keySet(), cordoned);
        result = operations.run(admin.get(), layout.get(), created);
      } catch (KafkaCallException e) {
        result = operations.failed(e);
      }
    }
    result = result.withCordoned(cordoned);
    List<String> rejected = BrokerConfigKeys.rejected(cluster.getSpec().getConfig());
    if (!rejected.isEmpty() && result.outcome().reason() == ConditionReason.Reconciled) {
      return result.withOutcome(
          Outcome.specProblem(
              ConditionReason.InvalidSpec,
              "spec.config: keys "
                  + rejected
                  + " are unknown or owned by the operator; they are ignored"));
    }
    return result;
  }

  /** The dedicated controller pods, present and desired (their zones recorded on their claims). */
  private static ControllerPods controllerPods(
      Cluster cluster,
      Context<Cluster> context,
      Collection<PersistentVolumeClaim> claims,
      List<String> zones) {
    BrokerFleet current = BrokerFleet.controllersOf(context.getSecondaryResources(Pod.class));
    if (!ControllerIds.dedicated(cluster.getSpec()) && current.pods().isEmpty()) {
      return ControllerPods.NONE;
    }
    Map<Integer, String> recorded =
        BrokerZones.recorded(claims, ClusterNames.CONTROLLER_ID_LABEL, Map.of());
    return new ControllerPods(
        current, BrokerRoller.desiredControllers(cluster, current, zones, recorded));
  }

  /**
   * Brokers above {@code spec.replicas} that still have a pod or are still live: a scale-down
   * removes them once they are drained.
   */
  private static Set<Integer> leaving(
      Set<Integer> wanted, BrokerFleet fleet, Optional<ClusterLayout> layout) {
    Set<Integer> leaving = new TreeSet<>(fleet.pods().keySet());
    // A removed broker that is down (no pod, fenced) still has to be drained of its replicas.
    layout.ifPresent(
        l -> {
          leaving.addAll(l.liveBrokers().keySet());
          leaving.addAll(l.brokersWithReplicas());
        });
    leaving.removeAll(wanted);
    return leaving;
  }

  private static Map<Integer, BrokerAvailability> previousAvailability(Cluster cluster) {
    Map<Integer, BrokerAvailability> previous = new TreeMap<>();
    if (cluster.getStatus() == null || cluster.getStatus().getBrokers() == null) {
      return previous;
    }
    for (BrokerStatus broker : cluster.getStatus().getBrokers()) {
      if (broker.getUnavailableSince() != null) {
        previous.put(
            broker.getId(),
            new BrokerAvailability(
                broker.getId(),
                Optional.ofNullable(broker.getUnavailableReason()),
                Optional.of(Instant.parse(broker.getUnavailableSince())),
                broker.isLost()));
      }
    }
    return previous;
  }

  private static Map<Integer, String> previousRacks(Cluster cluster) {
    Map<Integer, String> racks = new TreeMap<>();
    if (cluster.getStatus() != null && cluster.getStatus().getBrokers() != null) {
      cluster.getStatus().getBrokers().stream()
          .filter(broker -> broker.getRack() != null && !broker.getRack().isBlank())
          .forEach(broker -> racks.put(broker.getId(), broker.getRack()));
    }
    return racks;
  }

  private static Set<Integer> previousCordoned(Cluster cluster) {
    return cluster.getStatus() == null || cluster.getStatus().getCordonedBrokers() == null
        ? new TreeSet<>()
        : new TreeSet<>(cluster.getStatus().getCordonedBrokers());
  }

  static Optional<PartitionMovesStatus> previousMoves(Cluster cluster) {
    return Optional.ofNullable(cluster.getStatus()).map(ClusterStatus::getPartitionMoves);
  }

  private Optional<Admin> admin(Cluster cluster) {
    String bootstrap = cluster.getStatus() == null ? null : cluster.getStatus().getBootstrap();
    if (bootstrap == null || bootstrap.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(
        admins.forCluster(
            cluster.getMetadata().getNamespace(), cluster.getMetadata().getName(), bootstrap));
  }
}
