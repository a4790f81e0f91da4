package dev.brook.operator.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brook.e2e.controlplane.ControlPlaneBinaries;
import dev.brook.e2e.controlplane.RepositoryLayout;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The install objects as a user renders them: the kustomization ({@code manifests/}, with the
 * pinned kubectl's kustomize) and the Helm chart ({@code charts/brook-operator}, with the pinned
 * Helm of {@code scripts/helm.sh}); applied as {@code kubectl apply --server-side} does, except the
 * operator Deployment where tests run the operator themselves: the API server then only validates
 * it (a dry run).
 */
public final class InstallObjects {

  private static final RepositoryLayout LAYOUT = RepositoryLayout.locate();

  private InstallObjects() {}

  /** {@code kubectl kustomize manifests/}. */
  public static List<HasMetadata> kustomization(KubernetesClient client)
      throws IOException, InterruptedException {
    return kustomize(client, "manifests");
  }

  /**
   * {@code kubectl kustomize e2e/install/}: the bundle as the node agent runs it from the images,
   * each operator replica serving HTTP on its own pod IP.
   */
  public static List<HasMetadata> localKustomization(KubernetesClient client)
      throws IOException, InterruptedException {
    return kustomize(client, "e2e/install");
  }

  private static List<HasMetadata> kustomize(KubernetesClient client, String directory)
      throws IOException, InterruptedException {
    return parse(
        client,
        run(
            ControlPlaneBinaries.ensureBuilt(LAYOUT).kubectl().toString(),
            "kustomize",
            LAYOUT.root().resolve(directory).toString()));
  }

  /** {@code helm template} of the chart into {@code brook-system}, CRDs included. */
  public static List<HasMetadata> chart(KubernetesClient client, String... values)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(LAYOUT.root().resolve("scripts/helm.sh").toString());
    command.addAll(
        List.of(
            "template",
            "brook-operator",
            LAYOUT.root().resolve("charts/brook-operator").toString(),
            "--namespace",
            "brook-system",
            "--include-crds"));
    command.addAll(List.of(values));
    return parse(client, run(command.toArray(String[]::new)));
  }

  public static void apply(KubernetesClient client, List<HasMetadata> objects) {
    apply(client, objects, false);
  }

  /**
   * @param runDeployment apply the Deployment for real, so the node agent runs the operator
   */
  public static void apply(
      KubernetesClient client, List<HasMetadata> objects, boolean runDeployment) {
    for (HasMetadata object : objects) {
      if (object.getKind().equals("Deployment") && !runDeployment) {
        client.resource(object).dryRun().forceConflicts().serverSideApply();
      } else {
        client.resource(object).forceConflicts().serverSideApply();
      }
    }
  }

  private static byte[] run(String... command) throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    byte[] output = process.getInputStream().readAllBytes();
    assertThat(process.waitFor())
        .as("%s: %s", String.join(" ", command), new String(output, StandardCharsets.UTF_8))
        .isZero();
    return output;
  }

  private static List<HasMetadata> parse(KubernetesClient client, byte[] yaml) {
    return client.load(new ByteArrayInputStream(yaml)).items();
  }
}
