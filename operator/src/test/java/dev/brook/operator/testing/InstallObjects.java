package dev.brook.operator.testing;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;

/**
 * Applies rendered install objects (the kustomization's or the chart's) as {@code kubectl apply
 * --server-side} does, except the operator Deployment, which the API server only validates (a dry
 * run): the tests run the operator themselves.
 */
public final class InstallObjects {

  private InstallObjects() {}

  public static void apply(KubernetesClient client, List<HasMetadata> objects) {
    for (HasMetadata object : objects) {
      if (object.getKind().equals("Deployment")) {
        client.resource(object).dryRun().forceConflicts().serverSideApply();
      } else {
        client.resource(object).forceConflicts().serverSideApply();
      }
    }
  }
}
