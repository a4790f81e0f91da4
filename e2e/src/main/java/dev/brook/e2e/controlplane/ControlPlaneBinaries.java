package dev.brook.e2e.controlplane;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The upstream programs built by {@code e2e/controlplane/build.sh}. The script reuses its cache
 * (keyed by the pinned Kubernetes version and the Go version) and only compiles on a fresh machine.
 */
public record ControlPlaneBinaries(Path directory) {

  private static final Logger LOG = LoggerFactory.getLogger(ControlPlaneBinaries.class);

  /** Runs the build script (a no-op when the cache is complete) and returns its directory. */
  public static ControlPlaneBinaries ensureBuilt(RepositoryLayout layout) {
    Path script = layout.controlPlaneBuildScript();
    long startedNanos = System.nanoTime();
    try {
      Process build =
          new ProcessBuilder(List.of("bash", script.toString()))
              .directory(layout.root().toFile())
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
      String output = new String(build.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int exitCode = build.waitFor();
      if (exitCode != 0) {
        throw new IllegalStateException(script + " failed with exit code " + exitCode);
      }
      List<String> lines = output.lines().filter(line -> !line.isBlank()).toList();
      Path directory = Path.of(lines.get(lines.size() - 1));
      LOG.info(
          "Control-plane binaries in {} (ready after {} ms)",
          directory,
          (System.nanoTime() - startedNanos) / 1_000_000);
      ControlPlaneBinaries binaries = new ControlPlaneBinaries(directory);
      binaries.verify();
      return binaries;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + script, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while building the control plane", e);
    }
  }

  public Path etcd() {
    return directory.resolve("etcd");
  }

  public Path kubeApiServer() {
    return directory.resolve("kube-apiserver");
  }

  public Path kubeScheduler() {
    return directory.resolve("kube-scheduler");
  }

  public Path kubeControllerManager() {
    return directory.resolve("kube-controller-manager");
  }

  public Path kubectl() {
    return directory.resolve("kubectl");
  }

  private void verify() {
    for (Path binary :
        List.of(etcd(), kubeApiServer(), kubeScheduler(), kubeControllerManager(), kubectl())) {
      if (!Files.isExecutable(binary)) {
        throw new IllegalStateException("missing control-plane binary " + binary);
      }
    }
  }
}
