package dev.brook.e2e.nodeagent;

import dev.brook.e2e.controlplane.ProcessTrees;
import io.fabric8.kubernetes.api.model.Container;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a container as a plain local process: the program {@link ImageLaunchers} maps the image to,
 * in the pod's working directory, with volume mounts simulated by rewriting their paths ({@link
 * PodVolumes.Mounts}) and DNS through {@link PodHostsFile}.
 */
final class LocalProcessLauncher implements ContainerLauncher {

  private final ImageLaunchers launchers;
  private final PodHostsFile hostsFile;

  LocalProcessLauncher(ImageLaunchers launchers, PodHostsFile hostsFile) {
    this.launchers = launchers;
    this.hostsFile = hostsFile;
  }

  @Override
  public LaunchedContainer launch(
      Container container, PodEnvironment pod, Map<String, String> resolved, int attempt) {
    PodVolumes.Mounts mounts = PodVolumes.mountsFor(container, pod.volumeDirectories());
    Map<String, String> env = new LinkedHashMap<>(resolved);
    env.replaceAll((key, value) -> mounts.rewrite(value));
    List<String> command =
        launchers
            .commandLine(
                container.getImage(),
                VariableExpansion.expandAll(container.getCommand(), env),
                VariableExpansion.expandAll(container.getArgs(), env),
                env)
            .stream()
            .map(mounts::rewrite)
            .toList();
    ProcessBuilder builder = new ProcessBuilder(command).directory(pod.workingDirectory().toFile());
    builder.environment().clear();
    builder.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    builder.environment().put("HOME", pod.workingDirectory().toString());
    builder.environment().put("HOSTNAME", pod.pod().getMetadata().getName());
    builder.environment().putAll(env);
    builder
        .environment()
        .merge("JAVA_TOOL_OPTIONS", hostsFile.jvmOptions(), (own, dns) -> dns + " " + own);
    Path logFile = pod.logDirectory().resolve(container.getName() + ".log");
    return new LocalProcess(ContainerLauncher.startLogged(builder, logFile));
  }

  private record LocalProcess(Process process) implements LaunchedContainer {

    @Override
    public void terminate(Duration gracePeriod) {
      ProcessTrees.terminate(process.toHandle(), gracePeriod);
    }

    @Override
    public void kill() {
      ProcessTrees.kill(process.toHandle());
    }

    @Override
    public List<String> execCommand(List<String> command) {
      return command;
    }
  }
}
