package dev.brook.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Brook's images as {@code make images} built them, run with the container engine it used (podman
 * or docker, given as {@code brook.images.engine}, with the tag as {@code brook.images.version}).
 * Tests that need the images run only under {@code make images-test}, which says why when it cannot
 * run them.
 */
public record ContainerImages(String engine, String version) {

  public static final String ENGINE_PROPERTY = "brook.images.engine";
  public static final String VERSION_PROPERTY = "brook.images.version";

  public static ContainerImages fromSystemProperties() {
    return new ContainerImages(
        System.getProperty(ENGINE_PROPERTY), System.getProperty(VERSION_PROPERTY));
  }

  public String broker() {
    return "brook-broker:" + version;
  }

  public String operator() {
    return "brook-operator:" + version;
  }

  /**
   * The command line of a container on the host network (so it binds the loopback address its
   * arguments name), removed when it exits; it runs in the foreground, so destroying the process
   * stops it.
   *
   * @param mounts host path to container path, read-only
   */
  public List<String> runCommand(
      String name,
      String image,
      Map<String, String> env,
      Map<Path, String> mounts,
      List<String> args) {
    List<String> command = new ArrayList<>(List.of(engine, "run", "--rm", "--name", name));
    command.addAll(List.of("--network", "host"));
    env.forEach((key, value) -> command.addAll(List.of("-e", key + "=" + value)));
    mounts.forEach((host, inside) -> command.addAll(List.of("-v", host + ":" + inside + ":ro")));
    command.add(image);
    command.addAll(args);
    return command;
  }

  /** Runs {@code args} with the engine and returns what it printed; fails on a non-zero exit. */
  public String engine(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(engine));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
    }
    return output.strip();
  }

  /** An OCI label of {@code image}. */
  public String label(String image, String label) throws IOException, InterruptedException {
    return engine(
        "image", "inspect", "--format", "{{index .Config.Labels \"" + label + "\"}}", image);
  }

  /** Stops and removes a container if it still exists. */
  public void remove(String name) throws InterruptedException {
    try {
      engine("rm", "-f", "-t", "5", name);
    } catch (IOException | IllegalStateException e) {
      // Already gone.
    }
  }
}
