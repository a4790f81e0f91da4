package dev.brook.e2e.nodeagent;

import dev.brook.e2e.controlplane.ProcessOwnership;
import io.fabric8.kubernetes.api.model.Container;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Starts one container of a pod, either as a local process or in a container engine. */
interface ContainerLauncher {

  /**
   * @param env the container's resolved environment
   * @param attempt how many times this container started before (names engine containers apart)
   * @throws ContainerStartException when the container cannot start (yet)
   */
  LaunchedContainer launch(
      Container container, PodEnvironment pod, Map<String, String> env, int attempt);

  /** Starts {@code builder} with stdin from /dev/null and its output appended to the log. */
  static Process startLogged(ProcessBuilder builder, Path logFile) {
    builder
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    ProcessOwnership.mark(builder.environment());
    List<String> command = builder.command();
    try {
      Files.createDirectories(logFile.getParent());
      return builder.start();
    } catch (IOException e) {
      throw new ContainerStartException("StartError", "cannot run " + command + ": " + e, e);
    }
  }
}
