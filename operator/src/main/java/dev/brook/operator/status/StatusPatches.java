package dev.brook.operator.status;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Status updates through a minimal object (name, namespace and status only), so that the operator's
 * server-side-apply field manager never claims a spec field, and no update at all when the status
 * did not change.
 */
public final class StatusPatches {

  private StatusPatches() {}

  /**
   * An update control that patches {@code status} onto {@code resource} when it differs from the
   * current status, and re-checks after {@code outcome.recheckAfter()} in either case.
   */
  public static <S, R extends CustomResource<?, S>> UpdateControl<R> patchIfChanged(
      R resource, S status, Supplier<R> emptyResource, Outcome outcome) {
    UpdateControl<R> control;
    if (Objects.equals(json(resource.getStatus()), json(status))) {
      control = UpdateControl.noUpdate();
    } else {
      R patch = emptyResource.get();
      patch.setMetadata(
          new ObjectMetaBuilder()
              .withName(resource.getMetadata().getName())
              .withNamespace(resource.getMetadata().getNamespace())
              .build());
      patch.setStatus(status);
      control = UpdateControl.patchStatus(patch);
    }
    return control.rescheduleAfter(outcome.recheckAfter());
  }

  private static String json(Object status) {
    return status == null ? null : Serialization.asJson(status);
  }
}
