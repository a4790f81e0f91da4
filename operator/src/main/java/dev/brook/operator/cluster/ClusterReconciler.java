package dev.brook.operator.cluster;

import dev.brook.operator.api.Cluster;
import dev.brook.operator.api.ClusterStatus;
import dev.brook.operator.api.ConditionReason;
import dev.brook.operator.cluster.model.BrokerConfigKeys;
import dev.brook.operator.cluster.model.ClusterNames;
import dev.brook.operator.kafka.AdminClients;
import dev.brook.operator.status.Outcome;
import dev.brook.operator.status.StatusPatches;
import io.fabric8.kubernetes.api.model.Pod;
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
import java.util.List;
import java.util.Map;

/**
 * Runs a Brook cluster: the workflow keeps the cluster-wide objects (broker config, services,
 * disruption budget, data claims) equal to their models; then the broker pods are created and
 * rolled by {@link BrokerRoller}, and the status is computed from the pods.
 *
 * <ol>
 *   <li>Report unknown {@code spec.config} keys (they are left out of the broker config).
 *   <li>Refuse a scale-down in status while pods above {@code spec.replicas} exist.
 *   <li>Create missing broker pods in their zones; roll changed ones one at a time.
 *   <li>Write status: conditions, brokers, bootstrap address, scale subresource fields.
 * </ol>
 */
@Workflow(
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
    BrokerFleet fleet = BrokerFleet.of(context.getSecondaryResources(Pod.class));
    Outcome outcome = converge(cluster, context, fleet);
    ClusterStatus status = ClusterStatusModel.status(cluster, fleet, outcome);
    return StatusPatches.patchIfChanged(cluster, status, Cluster::new, outcome);
  }

  private Outcome converge(Cluster cluster, Context<Cluster> context, BrokerFleet fleet) {
    List<String> rejected = BrokerConfigKeys.rejected(cluster.getSpec().getConfig());
    List<String> zones =
        NodeZones.of(context.getClient(), cluster.getSpec().getRack().getTopologyKey());
    Map<Integer, Pod> desired = BrokerRoller.desired(cluster, fleet, zones);
    Outcome pods = new BrokerRoller(context.getClient(), admins).reconcile(cluster, fleet, desired);
    int surplus = fleet.surplus(cluster);
    if (surplus > 0) {
      return Outcome.specProblem(
          ConditionReason.ScaleDownRefused,
          "spec.replicas "
              + cluster.getSpec().getReplicas()
              + " is below the "
              + fleet.pods().size()
              + " brokers: scale-down needs partition draining, which is not implemented yet");
    }
    if (!rejected.isEmpty()) {
      return Outcome.specProblem(
          ConditionReason.InvalidSpec,
          "spec.config: keys "
              + rejected
              + " are unknown or owned by the operator; they are ignored");
    }
    return pods;
  }
}
