package dev.brook.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A client program written in another language (under {@code compat/clients/}) run as a process: it
 * gets the bootstrap servers and its topic's replication factor as arguments, prints what it did,
 * and ends with a line {@code OK <summary>} and exit status 0 when every step passed. Its output is
 * kept in the work directory and shown in the assertion message on failure.
 */
final class ClientProgram {

  static final Path CLIENTS_DIR =
      Path.of(System.getProperty("brook.compat.clients.dir", "clients")).toAbsolutePath();

  private static final Path WORK_DIR =
      Path.of(System.getProperty("brook.compat.work.dir", "target/compat")).toAbsolutePath();

  private final String name;
  private final Path workingDir;
  private final List<String> command;
  private final Map<String, String> environment;

  private ClientProgram(
      String name, Path workingDir, List<String> command, Map<String, String> environment) {
    this.name = name;
    this.workingDir = workingDir;
    this.command = List.copyOf(command);
    this.environment = Map.copyOf(environment);
  }

  /** {@code command} runs in {@code compat/clients/<subdir>}. */
  static ClientProgram of(String name, String subdir, List<String> command) {
    return new ClientProgram(name, CLIENTS_DIR.resolve(subdir), command, Map.of());
  }

  /**
   * Fails the test (never skips it) unless {@code probe} exits with 0 within 30 s: the way a test
   * says its client is not installed, naming {@code client} and the command that installs it.
   */
  static void requireInstalled(String client, String... probe)
      throws IOException, InterruptedException {
    Process process;
    try {
      process = new ProcessBuilder(probe).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new AssertionError(
          client + " is not installed (" + e.getMessage() + "): run `make setup`");
    }
    boolean finished = process.waitFor(30, TimeUnit.SECONDS);
    if (!finished) {
      process.destroyForcibly().waitFor();
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(finished && process.exitValue() == 0)
        .as(
            "%s is not installed (%s: %s): run `make setup`",
            client, String.join(" ", probe), output.strip())
        .isTrue();
  }

  ClientProgram withEnvironment(Map<String, String> extra) {
    return new ClientProgram(name, workingDir, command, extra);
  }

  /**
   * Runs the program against {@code topology} and returns its output once it exited with 0 and
   * printed its OK line; fails the test otherwise (a program still running after {@code timeout} is
   * killed).
   */
  String runAgainst(Topology topology, Duration timeout) throws IOException, InterruptedException {
    return runAgainst(
        topology.name().toLowerCase(),
        CompatBrokers.bootstrapServers(topology),
        topology.replicationFactor(),
        timeout);
  }

  /**
   * Runs the program against the brokers at {@code bootstrap} (such as a {@link
   * CompatBrokers#startFresh fresh} cluster); its output goes to {@code <name>-<label>.log}.
   */
  String runAgainst(String label, String bootstrap, int replicationFactor, Duration timeout)
      throws IOException, InterruptedException {
    List<String> full = new java.util.ArrayList<>(command);
    full.add(bootstrap);
    full.add(Integer.toString(replicationFactor));
    Files.createDirectories(WORK_DIR);
    Path log = WORK_DIR.resolve(name + "-" + label + ".log");
    ProcessBuilder builder =
        new ProcessBuilder(full)
            .directory(workingDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().putAll(environment);
    Process process = builder.start();
    boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (!finished) {
      process.destroyForcibly().waitFor();
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    assertThat(finished).as("%s finished within %s; output:%n%s", name, timeout, output).isTrue();
    assertThat(process.exitValue()).as("%s exit status; output:%n%s", name, output).isZero();
    assertThat(output).as("%s output", name).containsPattern("(?m)^OK ");
    return output;
  }
}
