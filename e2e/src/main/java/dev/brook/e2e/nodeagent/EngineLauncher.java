package dev.brook.e2e.nodeagent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a container from an image in the engine's local store, as a kubelet's container runtime
 * would: {@code <engine> run --network host} in the foreground (its exit is the container's), so
 * the pod binds its own 127.x address, with the container's resolved env, {@code command} as the
 * entrypoint and {@code args}, its volume mounts as bind mounts (read-only where the mount or the
 * volume kind says so), the pod's hostname, the security context (user, groups, read-only root,
 * capabilities, no-new-privileges, {@code runAsNonRoot} checked against the image's user) and the
 * memory and CPU limits. DNS names resolve through {@link PodHostsFile}, whose directory is mounted
 * read-only at {@value #HOSTS_DIRECTORY}.
 */
final class EngineLauncher implements ContainerLauncher {

  static final String HOSTS_DIRECTORY = "/etc/brook-e2e";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String JAVA_TOOL_OPTIONS = "JAVA_TOOL_OPTIONS";

  private final ContainerEngine engine;
  private final PodHostsFile hostsFile;

  EngineLauncher(ContainerEngine engine, PodHostsFile hostsFile) {
    this.engine = engine;
    this.hostsFile = hostsFile;
  }

  @Override
  public LaunchedContainer launch(
      Container container, PodEnvironment pod, Map<String, String> env, int attempt) {
    String name = containerName(container, pod, attempt);
    List<String> options = new ArrayList<>(List.of("--network", "host"));
    String hostname = pod.pod().getSpec().getHostname();
    options.addAll(
        List.of(
            "--hostname",
            hostname == null || hostname.isEmpty() ? pod.pod().getMetadata().getName() : hostname));
    Path hostsInContainer =
        Path.of(HOSTS_DIRECTORY).resolve(hostsFile.path().getFileName().toString());
    options.addAll(List.of("-v", hostsFile.path().getParent() + ":" + HOSTS_DIRECTORY + ":ro"));
    // The DNS options come on top of the JVM options the container would have: its own env's,
    // else its image's ENV (a variable set with -e replaces the image's).
    Map<String, String> withDns = new LinkedHashMap<>(env);
    String jvmOptions =
        env.containsKey(JAVA_TOOL_OPTIONS)
            ? env.get(JAVA_TOOL_OPTIONS)
            : engine.imageEnv(container.getImage(), JAVA_TOOL_OPTIONS).orElse("");
    withDns.put(
        JAVA_TOOL_OPTIONS, (hostsFile.jvmOptions(hostsInContainer) + " " + jvmOptions).strip());
    withDns.forEach((key, value) -> options.addAll(List.of("-e", key + "=" + value)));
    for (PodVolumes.BindMount mount : PodVolumes.bindMounts(container, pod.volumeDirectories())) {
      boolean readOnly = mount.readOnly() || isReadOnlyKind(pod, mount.source());
      options.addAll(
          List.of("-v", mount.source() + ":" + mount.target() + (readOnly ? ":ro" : "")));
    }
    options.addAll(securityOptions(container, pod));
    options.addAll(limitOptions(container));
    if (container.getWorkingDir() != null && !container.getWorkingDir().isEmpty()) {
      options.addAll(List.of("--workdir", container.getWorkingDir()));
    }
    List<String> command = VariableExpansion.expandAll(container.getCommand(), env);
    if (!command.isEmpty()) {
      options.addAll(List.of("--entrypoint", jsonArray(command)));
    }
    List<String> args = VariableExpansion.expandAll(container.getArgs(), env);
    List<String> line = engine.runCommand(name, options, container.getImage(), args);
    Path logFile = pod.logDirectory().resolve(container.getName() + ".log");
    engine.kill(name); // A container of that name left by a lost agent would block the name.
    return new EngineContainer(
        ContainerLauncher.startLogged(new ProcessBuilder(line), logFile),
        name,
        container.getImage(),
        engine);
  }

  /** ConfigMap, Secret and projected volumes are read-only in a pod, whatever the mount says. */
  private static boolean isReadOnlyKind(PodEnvironment pod, Path source) {
    return pod.pod().getSpec().getVolumes().stream()
        .filter(volume -> source.startsWith(pod.volumeDirectories().get(volume.getName())))
        .anyMatch(
            volume ->
                volume.getConfigMap() != null
                    || volume.getSecret() != null
                    || volume.getProjected() != null
                    || volume.getDownwardAPI() != null);
  }

  private List<String> securityOptions(Container container, PodEnvironment pod) {
    PodSecurityContext podContext = pod.pod().getSpec().getSecurityContext();
    SecurityContext context = container.getSecurityContext();
    Long user = firstSet(context == null ? null : context.getRunAsUser(), podUser(podContext));
    Long group = firstSet(context == null ? null : context.getRunAsGroup(), podGroup(podContext));
    Boolean nonRoot =
        firstSet(
            context == null ? null : context.getRunAsNonRoot(),
            podContext == null ? null : podContext.getRunAsNonRoot());
    List<String> options = new ArrayList<>();
    if (Boolean.TRUE.equals(nonRoot) && runsAsRoot(container.getImage(), user)) {
      throw new ContainerStartException(
          "CreateContainerConfigError",
          "container has runAsNonRoot and image will run as root (pod: "
              + pod.pod().getMetadata().getName()
              + ", container: "
              + container.getName()
              + ")");
    }
    if (user != null) {
      options.addAll(List.of("--user", user + (group != null ? ":" + group : "")));
    }
    if (podContext != null) {
      if (podContext.getFsGroup() != null) {
        options.addAll(List.of("--group-add", podContext.getFsGroup().toString()));
      }
      for (Long supplemental : podContext.getSupplementalGroups()) {
        options.addAll(List.of("--group-add", supplemental.toString()));
      }
    }
    if (context != null) {
      if (Boolean.TRUE.equals(context.getPrivileged())) {
        options.add("--privileged");
      }
      if (Boolean.TRUE.equals(context.getReadOnlyRootFilesystem())) {
        // Kubernetes adds no tmpfs of its own: a read-only root is writable only where mounted.
        options.addAll(List.of("--read-only", "--read-only-tmpfs=false"));
      }
      if (Boolean.FALSE.equals(context.getAllowPrivilegeEscalation())) {
        options.addAll(List.of("--security-opt", "no-new-privileges"));
      }
      Capabilities capabilities = context.getCapabilities();
      if (capabilities != null) {
        capabilities.getDrop().forEach(cap -> options.addAll(List.of("--cap-drop", cap)));
        capabilities.getAdd().forEach(cap -> options.addAll(List.of("--cap-add", cap)));
      }
    }
    return options;
  }

  /** As the kubelet decides it: a numeric user wins, else the image's USER (unset means root). */
  private boolean runsAsRoot(String image, Long user) {
    if (user != null) {
      return user == 0;
    }
    String imageUser = engine.imageUser(image, "").split(":", 2)[0];
    return imageUser.isEmpty() || imageUser.equals("0") || imageUser.equals("root");
  }

  private static List<String> limitOptions(Container container) {
    if (container.getResources() == null || container.getResources().getLimits() == null) {
      return List.of();
    }
    Map<String, Quantity> limits = container.getResources().getLimits();
    List<String> options = new ArrayList<>();
    if (limits.containsKey("memory")) {
      BigDecimal bytes = Quantity.getAmountInBytes(limits.get("memory"));
      options.add("--memory=" + bytes.toBigInteger());
    }
    if (limits.containsKey("cpu")) {
      BigDecimal cores = Quantity.getAmountInBytes(limits.get("cpu"));
      options.add("--cpus=" + cores.stripTrailingZeros().toPlainString());
    }
    return options;
  }

  private static Long podUser(PodSecurityContext context) {
    return context == null ? null : context.getRunAsUser();
  }

  private static Long podGroup(PodSecurityContext context) {
    return context == null ? null : context.getRunAsGroup();
  }

  private static <T> T firstSet(T first, T second) {
    return first != null ? first : second;
  }

  /** Unique per start, as the kubelet names containers: {@code k8s_<container>_<pod>_...}. */
  private static String containerName(Container container, PodEnvironment pod, int attempt) {
    var metadata = pod.pod().getMetadata();
    return String.join(
        "_",
        "k8s",
        container.getName(),
        metadata.getName(),
        metadata.getNamespace(),
        metadata.getUid().substring(0, 8),
        Integer.toString(attempt));
  }

  private static String jsonArray(List<String> words) {
    try {
      return JSON.writeValueAsString(words);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a list of strings as JSON", e);
    }
  }

  private record EngineContainer(Process process, String name, String image, ContainerEngine engine)
      implements LaunchedContainer {

    /** Not the command line: it holds the env, Secret values included. */
    @Override
    public String description() {
      return engine.binary() + " container " + name + " from " + image;
    }

    @Override
    public void terminate(Duration gracePeriod) {
      engine.stop(name, gracePeriod);
    }

    @Override
    public void kill() {
      engine.kill(name);
    }

    @Override
    public List<String> execCommand(List<String> command) {
      return engine.execCommand(name, command);
    }
  }
}
