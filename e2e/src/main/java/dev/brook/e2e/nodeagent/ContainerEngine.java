package dev.brook.e2e.nodeagent;

import dev.brook.e2e.controlplane.ProcessOwnership;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The container engine's command line ({@code podman}, or {@code docker} where an engine answers),
 * for pods whose image is in the engine's local store. Every container the agent starts carries the
 * label {@value #OWNER_LABEL} with the owning JVM's {@link ProcessOwnership} token, so that
 * containers a killed JVM left behind can be found and removed.
 */
final class ContainerEngine {

  static final String OWNER_LABEL = "dev.brook.e2e.owner";

  private static final Logger LOG = LoggerFactory.getLogger(ContainerEngine.class);
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);

  private final String binary;
  private final Map<String, Optional<String>> imageUsers = new ConcurrentHashMap<>();

  ContainerEngine(String binary) {
    this.binary = binary;
  }

  String binary() {
    return binary;
  }

  /**
   * Whether {@code image} is in the local store; a short name ({@code brook-broker:1.0}) matches
   * {@code localhost/brook-broker:1.0} as the engine resolves it. Only images present are cached:
   * one built later is found then.
   */
  boolean hasImage(String image) {
    return image != null && imageUser(image).isPresent();
  }

  /** The image's configured user ({@code USER}), empty string for the default (root). */
  String imageUser(String image, String fallback) {
    return imageUser(image).orElse(fallback);
  }

  private Optional<String> imageUser(String image) {
    Optional<String> known = imageUsers.get(image);
    if (known != null) {
      return known;
    }
    Result inspected = run(List.of("image", "inspect", "--format", "{{.Config.User}}", image));
    Optional<String> user = inspected.ok() ? Optional.of(inspected.output()) : Optional.empty();
    if (user.isPresent()) {
      imageUsers.put(image, user);
    }
    return user;
  }

  /** A variable of the image's {@code ENV}, if it sets it. */
  Optional<String> imageEnv(String image, String name) {
    Result inspected =
        run(
            List.of(
                "image",
                "inspect",
                "--format",
                "{{range .Config.Env}}{{println .}}{{end}}",
                image));
    if (!inspected.ok()) {
      return Optional.empty();
    }
    return inspected
        .output()
        .lines()
        .filter(line -> line.startsWith(name + "="))
        .map(line -> line.substring(name.length() + 1))
        .findFirst();
  }

  /** {@code <engine> run --rm --name <name> --label <owner> <options> <image> <args>}. */
  List<String> runCommand(String name, List<String> options, String image, List<String> args) {
    List<String> command = new ArrayList<>(List.of(binary, "run", "--rm", "--name", name));
    command.addAll(List.of("--label", OWNER_LABEL + "=" + ProcessOwnership.token()));
    command.addAll(options);
    command.add(image);
    command.addAll(args);
    return command;
  }

  /** {@code <engine> exec <name> <command>}: an exec probe inside the container. */
  List<String> execCommand(String name, List<String> command) {
    List<String> line = new ArrayList<>(List.of(binary, "exec", name));
    line.addAll(command);
    return line;
  }

  /** The container's stop signal, then SIGKILL after {@code gracePeriod}; waits for the exit. */
  void stop(String name, Duration gracePeriod) {
    report(
        "stop",
        name,
        run(List.of("stop", "--time", Long.toString(Math.max(0, gracePeriod.toSeconds())), name)));
  }

  /** SIGKILL at once, as a machine loss would, and the container removed. */
  void kill(String name) {
    run(List.of("kill", "--signal", "KILL", name));
    report("rm", name, run(List.of("rm", "--force", "--time", "0", name)));
  }

  /** Removes every container of a JVM that is gone (this agent's own when {@code all}). */
  int removeLeftovers(boolean all) {
    Result listed =
        run(
            List.of(
                "ps",
                "--all",
                "--filter",
                "label=" + OWNER_LABEL,
                "--format",
                "{{.Names}} {{index .Labels \"" + OWNER_LABEL + "\"}}"));
    if (!listed.ok()) {
      LOG.warn("Cannot list containers: {}", listed.output());
      return 0;
    }
    int removed = 0;
    for (String line : listed.output().lines().toList()) {
      String[] nameAndOwner = line.strip().split(" ", 2);
      if (nameAndOwner.length < 2) {
        continue;
      }
      boolean ours = nameAndOwner[1].equals(ProcessOwnership.token());
      if ((ours && all) || (!ours && !ProcessOwnership.isAlive(nameAndOwner[1]))) {
        LOG.info("Removing container {} left behind by {}", nameAndOwner[0], nameAndOwner[1]);
        kill(nameAndOwner[0]);
        removed++;
      }
    }
    return removed;
  }

  private void report(String what, String name, Result result) {
    if (!result.ok() && !result.output().contains("no such container")) {
      LOG.warn("{} {} {} failed: {}", binary, what, name, result.output());
    }
  }

  private record Result(int exitCode, String output) {
    boolean ok() {
      return exitCode == 0;
    }
  }

  private Result run(List<String> args) {
    List<String> command = new ArrayList<>(List.of(binary));
    command.addAll(args);
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return new Result(-1, String.join(" ", command) + " timed out");
      }
      return new Result(process.exitValue(), output.strip());
    } catch (IOException e) {
      return new Result(-1, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(-1, "interrupted");
    }
  }
}
