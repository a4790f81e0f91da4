package dev.brook.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.Map;
import java.util.TreeMap;

/**
 * Extra labels and annotations of the broker pods. The operator's own keys are refused by the API
 * server rather than silently dropped: its labels select the pods (Services, disruption budget,
 * anti-affinity) and its {@code brook.dev/} annotations drive rolls, so a user value there would
 * either break the cluster or be overwritten on every pod.
 */
@ValidationRule(
    value =
        "!has(self.labels) || self.labels.all(k, !k.startsWith('brook.dev/') && !(k in"
            + " ['app.kubernetes.io/name', 'app.kubernetes.io/instance',"
            + " 'app.kubernetes.io/component', 'app.kubernetes.io/part-of',"
            + " 'app.kubernetes.io/managed-by']))",
    message =
        "template.pod.metadata.labels must not set the operator's own labels"
            + " (app.kubernetes.io/name, instance, component, part-of, managed-by) nor any"
            + " brook.dev/ label")
@ValidationRule(
    value = "!has(self.annotations) || self.annotations.all(k, !k.startsWith('brook.dev/'))",
    message =
        "template.pod.metadata.annotations must not set brook.dev/ annotations: the operator"
            + " owns them (pod hash, restarts)")
public class PodTemplateMetadata {

  @Size(max = 64)
  @JsonPropertyDescription("Labels added to every broker pod.")
  private Map<String, String> labels = new TreeMap<>();

  @Size(max = 64)
  @JsonPropertyDescription("Annotations added to every broker pod.")
  private Map<String, String> annotations = new TreeMap<>();

  public Map<String, String> getLabels() {
    return labels;
  }

  public void setLabels(Map<String, String> labels) {
    this.labels = labels == null ? new TreeMap<>() : labels;
  }

  public Map<String, String> getAnnotations() {
    return annotations;
  }

  public void setAnnotations(Map<String, String> annotations) {
    this.annotations = annotations == null ? new TreeMap<>() : annotations;
  }
}
