package dev.brook.e2e;

import static dev.brook.e2e.TestPods.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.brook.e2e.junit.WithLocalKubernetes;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The API server validates custom resources against the CRD's OpenAPI schema and CEL rules. */
@WithLocalKubernetes
class CustomResourceValidationIT {

  private static final String CRD =
      String.join(
          "\n",
          "apiVersion: apiextensions.k8s.io/v1",
          "kind: CustomResourceDefinition",
          "metadata:",
          "  name: widgets.e2e.brook.dev",
          "spec:",
          "  group: e2e.brook.dev",
          "  scope: Namespaced",
          "  names: {plural: widgets, singular: widget, kind: Widget}",
          "  versions:",
          "  - name: v1",
          "    served: true",
          "    storage: true",
          "    schema:",
          "      openAPIV3Schema:",
          "        type: object",
          "        properties:",
          "          spec:",
          "            type: object",
          "            required: [replicas]",
          "            x-kubernetes-validations:",
          "            - rule: self.minReplicas <= self.replicas",
          "              message: minReplicas must not exceed replicas",
          "            properties:",
          "              replicas: {type: integer, minimum: 1}",
          "              minReplicas: {type: integer, default: 1}",
          "");
  private static final ResourceDefinitionContext WIDGETS =
      new ResourceDefinitionContext.Builder()
          .withGroup("e2e.brook.dev")
          .withVersion("v1")
          .withPlural("widgets")
          .withKind("Widget")
          .withNamespaced(true)
          .build();

  private static String namespace;
  private KubernetesClient client;

  @BeforeAll
  static void installCrd(KubernetesClient client) {
    namespace = TestPods.newNamespace(client, "crd");
    CustomResourceDefinition crd =
        client
            .apiextensions()
            .v1()
            .customResourceDefinitions()
            .load(new ByteArrayInputStream(CRD.getBytes(StandardCharsets.UTF_8)))
            .item();
    client.apiextensions().v1().customResourceDefinitions().resource(crd).serverSideApply();
    await()
        .atMost(TIMEOUT)
        .until(
            () ->
                client
                    .apiextensions()
                    .v1()
                    .customResourceDefinitions()
                    .withName("widgets.e2e.brook.dev")
                    .get()
                    .getStatus()
                    .getConditions()
                    .stream()
                    .anyMatch(
                        c -> "Established".equals(c.getType()) && "True".equals(c.getStatus())));
  }

  @Test
  void shouldAcceptValidObjectAndApplySchemaDefault() {
    GenericKubernetesResource created =
        client
            .genericKubernetesResources(WIDGETS)
            .inNamespace(namespace)
            .resource(widget("valid", 3, null))
            .create();

    assertThat(((Map<?, ?>) created.getAdditionalProperties().get("spec")).get("minReplicas"))
        .isEqualTo(1);
  }

  @Test
  void shouldRejectObjectViolatingOpenApiSchema() {
    assertThatThrownBy(
            () ->
                client
                    .genericKubernetesResources(WIDGETS)
                    .inNamespace(namespace)
                    .resource(widget("zero", 0, null))
                    .create())
        .isInstanceOfSatisfying(
            KubernetesClientException.class,
            e -> {
              assertThat(e.getCode()).isEqualTo(422);
              assertThat(e.getMessage())
                  .contains("spec.replicas")
                  .contains("should be greater than or equal to 1");
            });
  }

  @Test
  void shouldRejectObjectViolatingCelRule() {
    assertThatThrownBy(
            () ->
                client
                    .genericKubernetesResources(WIDGETS)
                    .inNamespace(namespace)
                    .resource(widget("inverted", 2, 5))
                    .create())
        .isInstanceOfSatisfying(
            KubernetesClientException.class,
            e -> {
              assertThat(e.getCode()).isEqualTo(422);
              assertThat(e.getMessage()).contains("minReplicas must not exceed replicas");
            });
  }

  private static GenericKubernetesResource widget(String name, int replicas, Integer minReplicas) {
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("replicas", replicas);
    if (minReplicas != null) {
      spec.put("minReplicas", minReplicas);
    }
    return new GenericKubernetesResourceBuilder()
        .withApiVersion("e2e.brook.dev/v1")
        .withKind("Widget")
        .withNewMetadata()
        .withName(name)
        .endMetadata()
        .addToAdditionalProperties("spec", spec)
        .build();
  }
}
