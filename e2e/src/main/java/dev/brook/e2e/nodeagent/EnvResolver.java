package dev.brook.e2e.nodeagent;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceFieldSelector;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves a container's environment as the kubelet does: {@code envFrom} sources first, then
 * {@code env} in order (later entries win and may reference earlier ones with {@code $(NAME)}).
 * Supports downward-API field and resource references and ConfigMap/Secret key references; a
 * missing non-optional reference fails with {@code CreateContainerConfigError}.
 *
 * <p>Every container also gets {@code KUBERNETES_SERVICE_HOST} and {@code KUBERNETES_SERVICE_PORT},
 * which in-cluster clients connect to. The kubelet takes them from the {@code kubernetes} Service's
 * cluster IP; no service proxy runs here, so they name the API server's own address (its serving
 * certificate covers it). The container's own {@code env} may override them.
 */
final class EnvResolver {

  private static final Pattern MAP_FIELD =
      Pattern.compile("metadata\\.(labels|annotations)\\['(.+)'\\]");

  private final KubernetesClient client;
  private final Map<String, String> apiServerVariables;

  EnvResolver(KubernetesClient client) {
    this.client = client;
    URI server = URI.create(client.getConfiguration().getMasterUrl());
    String port = Integer.toString(server.getPort() > 0 ? server.getPort() : 443);
    this.apiServerVariables =
        Map.of(
            "KUBERNETES_SERVICE_HOST", server.getHost(),
            "KUBERNETES_SERVICE_PORT", port,
            "KUBERNETES_SERVICE_PORT_HTTPS", port);
  }

  Map<String, String> resolve(Pod pod, Container container, String podIp, String hostIp) {
    Map<String, String> env = new LinkedHashMap<>(apiServerVariables);
    String namespace = pod.getMetadata().getNamespace();
    for (EnvFromSource source : container.getEnvFrom()) {
      String prefix = source.getPrefix() == null ? "" : source.getPrefix();
      if (source.getConfigMapRef() != null) {
        var ref = source.getConfigMapRef();
        Map<String, String> data = configMapData(namespace, ref.getName(), ref.getOptional());
        data.forEach((key, value) -> env.put(prefix + key, value));
      } else if (source.getSecretRef() != null) {
        var ref = source.getSecretRef();
        Map<String, String> data = secretData(namespace, ref.getName(), ref.getOptional());
        data.forEach((key, value) -> env.put(prefix + key, value));
      }
    }
    for (EnvVar variable : container.getEnv()) {
      String value =
          variable.getValueFrom() != null
              ? valueFrom(pod, container, variable.getValueFrom(), podIp, hostIp)
              : VariableExpansion.expand(
                  variable.getValue() == null ? "" : variable.getValue(), env);
      if (value != null) {
        env.put(variable.getName(), value);
      }
    }
    return env;
  }

  private String valueFrom(
      Pod pod, Container container, EnvVarSource source, String podIp, String hostIp) {
    String namespace = pod.getMetadata().getNamespace();
    if (source.getFieldRef() != null) {
      return field(pod, source.getFieldRef().getFieldPath(), podIp, hostIp);
    }
    if (source.getResourceFieldRef() != null) {
      return resource(container, source.getResourceFieldRef());
    }
    if (source.getConfigMapKeyRef() != null) {
      var ref = source.getConfigMapKeyRef();
      return key(
          configMapData(namespace, ref.getName(), ref.getOptional()),
          "ConfigMap " + ref.getName(),
          ref.getKey(),
          ref.getOptional());
    }
    if (source.getSecretKeyRef() != null) {
      var ref = source.getSecretKeyRef();
      return key(
          secretData(namespace, ref.getName(), ref.getOptional()),
          "Secret " + ref.getName(),
          ref.getKey(),
          ref.getOptional());
    }
    throw new ContainerStartException(
        "CreateContainerConfigError", "unsupported env valueFrom " + source);
  }

  /** A downward-API field of the pod, as env {@code fieldRef}s and downwardAPI volumes read it. */
  static String field(Pod pod, String path, String podIp, String hostIp) {
    var metadata = pod.getMetadata();
    switch (path) {
      case "metadata.name":
        return metadata.getName();
      case "metadata.namespace":
        return metadata.getNamespace();
      case "metadata.uid":
        return metadata.getUid();
      case "spec.nodeName":
        return pod.getSpec().getNodeName();
      case "spec.serviceAccountName":
        return pod.getSpec().getServiceAccountName();
      case "status.podIP":
      case "status.podIPs":
        return podIp;
      case "status.hostIP":
      case "status.hostIPs":
        return hostIp;
      default:
        Matcher matcher = MAP_FIELD.matcher(path);
        if (matcher.matches()) {
          Map<String, String> map =
              matcher.group(1).equals("labels") ? metadata.getLabels() : metadata.getAnnotations();
          return map == null ? "" : map.getOrDefault(matcher.group(2), "");
        }
        throw new ContainerStartException(
            "CreateContainerConfigError", "unsupported downward-API field " + path);
    }
  }

  /** Requests and limits in units of the divisor, rounded up; an unset limit reads as 0. */
  private static String resource(Container container, ResourceFieldSelector selector) {
    var resources = container.getResources();
    String[] parts = selector.getResource().split("\\.", 2);
    Map<String, Quantity> values =
        resources == null
            ? Map.of()
            : "limits".equals(parts[0]) ? resources.getLimits() : resources.getRequests();
    Quantity quantity = values == null ? null : values.get(parts[1]);
    if (quantity == null) {
      return "0";
    }
    BigDecimal divisor =
        selector.getDivisor() == null
            ? BigDecimal.ONE
            : Quantity.getAmountInBytes(selector.getDivisor());
    return Quantity.getAmountInBytes(quantity)
        .divide(divisor, 0, RoundingMode.CEILING)
        .toPlainString();
  }

  private static String key(Map<String, String> data, String source, String key, Boolean optional) {
    String value = data.get(key);
    if (value == null && !Boolean.TRUE.equals(optional)) {
      throw new ContainerStartException(
          "CreateContainerConfigError", "couldn't find key " + key + " in " + source);
    }
    return value;
  }

  private Map<String, String> configMapData(String namespace, String name, Boolean optional) {
    ConfigMap configMap = client.configMaps().inNamespace(namespace).withName(name).get();
    if (configMap == null) {
      return missing("configmap", name, optional);
    }
    return configMap.getData() == null ? Map.of() : configMap.getData();
  }

  private Map<String, String> secretData(String namespace, String name, Boolean optional) {
    Secret secret = client.secrets().inNamespace(namespace).withName(name).get();
    if (secret == null) {
      return missing("secret", name, optional);
    }
    Map<String, String> decoded = new LinkedHashMap<>();
    if (secret.getData() != null) {
      secret
          .getData()
          .forEach(
              (key, value) ->
                  decoded.put(
                      key, new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8)));
    }
    if (secret.getStringData() != null) {
      decoded.putAll(secret.getStringData());
    }
    return decoded;
  }

  private static Map<String, String> missing(String kind, String name, Boolean optional) {
    if (Boolean.TRUE.equals(optional)) {
      return Map.of();
    }
    throw new ContainerStartException(
        "CreateContainerConfigError", kind + " \"" + name + "\" not found");
  }
}
