package dev.brook.operator.cluster.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.brook.operator.api.ClusterSpec;
import dev.brook.operator.api.PodTemplate;
import dev.brook.operator.api.PodTemplateMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import java.util.ArrayList;
import java.util.Map;
import java.util.TreeMap;

/**
 * Applies {@code spec.template.pod} to a broker pod. Rules:
 *
 * <ul>
 *   <li>Labels and annotations are added under the operator's own, which win on a clash (the CRD
 *       refuses the operator's keys, so a clash only comes from an object that bypassed it).
 *   <li>Tolerations, priority class and topology spread constraints are set on the pod spec; the
 *       operator makes no tolerations or spread constraints of its own, so nothing is replaced.
 *   <li>Everything here is rollable. The spec fields are in the pod spec, which the pod hash
 *       covers; labels and annotations are not, so {@link #rollable} adds them to the hashed text,
 *       and only when there are some: a Cluster without a template keeps the hash it had before
 *       templates existed, and its brokers do not roll when the operator is upgraded.
 * </ul>
 */
final class PodTemplateOverrides {

  private PodTemplateOverrides() {}

  static PodTemplate of(ClusterSpec spec) {
    return spec.getTemplate() == null || spec.getTemplate().getPod() == null
        ? new PodTemplate()
        : spec.getTemplate().getPod();
  }

  /** {@code own} over the template's labels. */
  static Map<String, String> labels(PodTemplate template, Map<String, String> own) {
    return merged(metadata(template).getLabels(), own);
  }

  /** {@code own} over the template's annotations. */
  static Map<String, String> annotations(PodTemplate template, Map<String, String> own) {
    return merged(metadata(template).getAnnotations(), own);
  }

  static void applyTo(PodSpec spec, PodTemplate template) {
    spec.setTolerations(new ArrayList<>(template.getTolerations()));
    spec.setPriorityClassName(template.getPriorityClassName());
    spec.setTopologySpreadConstraints(new ArrayList<>(template.getTopologySpreadConstraints()));
  }

  /** The template's labels and annotations as text for the pod hash; empty when it has none. */
  static String rollable(PodTemplate template, ObjectMapper canonical) {
    PodTemplateMetadata metadata = metadata(template);
    if (metadata.getLabels().isEmpty() && metadata.getAnnotations().isEmpty()) {
      return "";
    }
    try {
      return "\n# template.pod.metadata=" + canonical.writeValueAsString(metadata);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize template.pod.metadata", e);
    }
  }

  private static PodTemplateMetadata metadata(PodTemplate template) {
    return template.getMetadata() == null ? new PodTemplateMetadata() : template.getMetadata();
  }

  private static Map<String, String> merged(Map<String, String> added, Map<String, String> own) {
    Map<String, String> merged = new TreeMap<>(added);
    merged.putAll(own);
    return merged;
  }
}
