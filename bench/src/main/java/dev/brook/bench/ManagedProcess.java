package dev.brook.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A child process whose output goes to a file. Every process the harness starts is one of these, so
 * that each can be stopped gracefully (SIGTERM), killed hard (SIGKILL), and diagnosed from its log
 * when it misbehaves. Not thread-safe: owned by the thread that started it.
 */
public final class ManagedProcess implements AutoCloseable {

  private static final Duration GRACEFUL_STOP = Duration.ofSeconds(30);

  private final String name;
  private final Process process;
  private final Path logFile;

  private ManagedProcess(String name, Process process, Path logFile) {
    this.name = name;
    this.process = process;
    this.logFile = logFile;
  }

  /** Starts {@code command} with stdout and stderr both appended to {@code logFile}. */
  public static ManagedProcess start(String name, List<String> command, Path logFile) {
    try {
      Files.createDirectories(logFile.getParent());
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
              .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
              .start();
      return new ManagedProcess(name, process, logFile);
    } catch (IOException e) {
      throw new BenchException("cannot start " + name + ": " + String.join(" ", command), e);
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

  /** Waits for the process to end by itself, killing it when {@code timeout} passes first. */
  public int awaitExit(Duration timeout) {
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        killHard();
        throw new BenchException(name + " did not finish within " + timeout + "; see " + logFile);
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      killHard();
      throw new BenchException("interrupted while waiting for " + name, e);
    }
  }

  /** SIGKILL, as a crash would: no flush, no controlled shutdown. Returns once it is gone. */
  public void killHard() {
    process.destroyForcibly();
    waitQuietly(GRACEFUL_STOP);
  }

  /** SIGTERM, then SIGKILL if the process has not stopped within 30 s. */
  @Override
  public void close() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    if (!waitQuietly(GRACEFUL_STOP)) {
      killHard();
    }
  }

  /** The last {@code maxLines} lines of the log, for error messages. */
  public String logTail(int maxLines) {
    try {
      List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - maxLines), lines.size()));
    } catch (IOException e) {
      return "(log unreadable: " + e.getMessage() + ")";
    }
  }

  private boolean waitQuietly(Duration timeout) {
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
