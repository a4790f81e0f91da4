package dev.brook.e2e.controlplane;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One control-plane program (etcd, kube-apiserver, ...) started with its output appended to a log
 * file. Stopping it terminates its whole process tree.
 */
public final class ManagedProcess implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ManagedProcess.class);
  private static final Duration STOP_GRACE_PERIOD = Duration.ofSeconds(10);

  private final String name;
  private final Process process;
  private final Path logFile;
  private volatile boolean stopping;

  private ManagedProcess(String name, Process process, Path logFile) {
    this.name = name;
    this.process = process;
    this.logFile = logFile;
    process
        .onExit()
        .thenAccept(
            exited -> {
              if (!stopping) {
                LOG.error(
                    "{} exited unexpectedly with code {}; last lines of {}:\n{}",
                    name,
                    exited.exitValue(),
                    logFile,
                    logTail(20));
              }
            });
  }

  /** Starts {@code command}, appending stdout and stderr to {@code logFile}. */
  public static ManagedProcess start(String name, List<String> command, Path logFile) {
    try {
      Files.createDirectories(logFile.getParent());
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
              .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
              .start();
      LOG.info("Started {} (pid {}), log in {}", name, process.pid(), logFile);
      return new ManagedProcess(name, process, logFile);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name + ": " + command, e);
    }
  }

  public String name() {
    return name;
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public Path logFile() {
    return logFile;
  }

  /** The last lines of the log, for failure messages. */
  public String logTail(int lines) {
    try {
      List<String> all = Files.readAllLines(logFile);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(cannot read " + logFile + ": " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() {
    stopping = true;
    if (process.isAlive()) {
      ProcessTrees.terminate(process.toHandle(), STOP_GRACE_PERIOD);
      LOG.info("Stopped {} (pid {})", name, process.pid());
    }
  }
}
