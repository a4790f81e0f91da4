package dev.brook.operator.status;

import dev.brook.operator.api.ConditionReason;
import dev.brook.operator.api.ConditionType;
import dev.brook.operator.api.Conditions;
import dev.brook.operator.api.ObservedStatus;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The {@code brook.dev/pause-reconciliation: "true"} annotation, as Strimzi's {@code
 * strimzi.io/pause-reconciliation}: while it is set the operator creates, changes and deletes
 * nothing for the resource (no pods, configs, moves or Kafka calls) and only reports, in a {@link
 * ConditionType#ReconciliationPaused} condition, that it is holding back; the other conditions stay
 * as last seen. Annotation changes do not bump the generation, so a paused resource is looked at
 * again every {@link Outcome#TRANSIENT_RETRY} to notice the annotation's removal.
 */
public final class ReconciliationPause {

  public static final String ANNOTATION = "brook.dev/pause-reconciliation";

  private ReconciliationPause() {}

  public static boolean isPaused(HasMetadata resource) {
    Map<String, String> annotations = resource.getMetadata().getAnnotations();
    return annotations != null && "true".equalsIgnoreCase(annotations.get(ANNOTATION));
  }

  /** The last status with the paused condition set; spec edits wait for the resume. */
  public static <S extends ObservedStatus, R extends CustomResource<?, S>> UpdateControl<R> hold(
      R resource, Class<S> statusType, Supplier<S> emptyStatus, Supplier<R> emptyResource) {
    S previous = resource.getStatus();
    S status =
        previous == null
            ? emptyStatus.get()
            : Serialization.unmarshal(Serialization.asJson(previous), statusType);
    String message =
        "Reconciliation is paused by the "
            + ANNOTATION
            + " annotation: changes to generation "
            + resource.getMetadata().getGeneration()
            + " wait until it is removed";
    status.setConditions(
        Conditions.set(
            status.getConditions(),
            ConditionType.ReconciliationPaused,
            true,
            ConditionReason.ReconciliationPaused,
            message,
            resource.getMetadata().getGeneration()));
    return StatusPatches.patchIfChanged(
        resource,
        status,
        emptyResource,
        Outcome.transientProblem(ConditionReason.ReconciliationPaused, message));
  }
}
