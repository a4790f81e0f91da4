package dev.brook.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brook.e2e.junit.WithLocalKubernetes;
import dev.brook.operator.testing.InstallObjects;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The Helm chart ({@code charts/brook-operator}) renders, with its default values, exactly the
 * objects of the kustomize bundle ({@code manifests/}), so both installs stay one; the API server
 * accepts the chart's objects (the Deployment as a server-side dry run); values change what they
 * name. Rendered as {@link InstallObjects} renders them.
 */
@WithLocalKubernetes
class InstallChartIT {

  @Test
  void shouldRenderTheObjectsOfTheKustomizationAndApplyThem(KubernetesClient client)
      throws Exception {
    List<HasMetadata> bundle = InstallObjects.kustomization(client);
    List<HasMetadata> chart = InstallObjects.chart(client);

    Map<String, HasMetadata> fromBundle = byKey(bundle);
    Map<String, HasMetadata> fromChart = byKey(chart);
    assertThat(fromChart.keySet())
        .containsExactlyInAnyOrderElementsOf(
            fromBundle.keySet().stream().filter(key -> !key.startsWith("Namespace/")).toList());
    fromChart.forEach((key, object) -> assertThat(object).as(key).isEqualTo(fromBundle.get(key)));

    // The chart installs into a namespace that exists (helm install --create-namespace).
    InstallObjects.apply(
        client, bundle.stream().filter(o -> o.getKind().equals("Namespace")).toList());
    InstallObjects.apply(client, chart);
  }

  @Test
  void shouldSetImagesNamespacesReplicasAndLogLevelFromValues(KubernetesClient client)
      throws Exception {
    List<HasMetadata> chart =
        InstallObjects.chart(
            client,
            "--set",
            "image.repository=registry.example/brook/brook-operator,image.tag=1.2.3",
            "--set",
            "brokerImage.repository=registry.example/brook/brook-broker,brokerImage.tag=1.2.3",
            "--set",
            "watchNamespaces={team-a,team-b}",
            "--set",
            "replicas=1,logLevel=DEBUG");
    Deployment deployment =
        (Deployment)
            chart.stream().filter(o -> o.getKind().equals("Deployment")).findFirst().orElseThrow();
    assertThat(deployment.getSpec().getReplicas()).isEqualTo(1);
    var container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(container.getImage()).isEqualTo("registry.example/brook/brook-operator:1.2.3");
    Map<String, String> env =
        container.getEnv().stream()
            .filter(e -> e.getValue() != null)
            .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
    assertThat(env)
        .containsEntry("BROOK_BROKER_IMAGE", "registry.example/brook/brook-broker:1.2.3")
        .containsEntry("WATCH_NAMESPACES", "team-a,team-b")
        .containsEntry("QUARKUS_LOG_CATEGORY__DEV_BROOK__LEVEL", "DEBUG");

    // Watching given namespaces, the operator's rules are bound in those namespaces only; the
    // cluster-scoped reads (nodes, volumes) stay cluster-wide.
    assertThat(chart)
        .filteredOn(
            o ->
                o instanceof RoleBinding binding
                    && binding.getRoleRef().getKind().equals("ClusterRole"))
        .map(o -> (RoleBinding) o)
        .allSatisfy(
            binding -> assertThat(binding.getRoleRef().getName()).isEqualTo("brook-operator"))
        .extracting(binding -> binding.getMetadata().getNamespace())
        .containsExactlyInAnyOrder("team-a", "team-b");
    assertThat(chart)
        .filteredOn(o -> o instanceof ClusterRoleBinding)
        .extracting(o -> ((ClusterRoleBinding) o).getRoleRef().getName())
        .containsExactly("brook-operator-cluster");
  }

  private static Map<String, HasMetadata> byKey(List<HasMetadata> objects) {
    Function<HasMetadata, String> key =
        o ->
            o.getKind()
                + "/"
                + (o.getMetadata().getNamespace() == null ? "" : o.getMetadata().getNamespace())
                + "/"
                + o.getMetadata().getName();
    Map<String, HasMetadata> keyed = new TreeMap<>();
    objects.forEach(o -> keyed.put(key.apply(o), o));
    return keyed;
  }
}
