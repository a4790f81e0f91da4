package dev.brook.e2e.controlplane;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Marks every process this JVM starts (control plane and pod containers) with the environment
 * variable {@value #ENV} = {@code <jvm pid>:<jvm start millis>}, inherited by their children.
 *
 * <p>Shutdown hooks cannot run when the JVM is killed with SIGKILL (a CI timeout, {@code kill -9});
 * its processes then outlive it. {@link #reapOrphans()}, called when a control plane starts, kills
 * every marked process whose owner JVM is gone. Linux only: it reads {@code /proc/<pid>/environ}.
 */
public final class ProcessOwnership {

  public static final String ENV = "BROOK_E2E_OWNER";
  private static final Logger LOG = LoggerFactory.getLogger(ProcessOwnership.class);
  private static final String TOKEN = tokenOf(ProcessHandle.current());

  private ProcessOwnership() {}

  /** This JVM's mark, {@code <pid>:<start millis>}. */
  public static String token() {
    return TOKEN;
  }

  /** Adds this JVM's mark to the environment of a process about to start. */
  public static void mark(Map<String, String> environment) {
    environment.put(ENV, TOKEN);
  }

  /** Kills the process trees of marked processes whose owner JVM no longer runs. */
  public static int reapOrphans() {
    int reaped = 0;
    for (ProcessHandle handle : ProcessHandle.allProcesses().toList()) {
      Optional<String> owner = ownerOf(handle.pid());
      if (owner.isPresent() && !owner.get().equals(TOKEN) && !isAlive(owner.get())) {
        LOG.warn(
            "Killing pid {} ({}) left behind by dead JVM {}",
            handle.pid(),
            handle.info().command().orElse("?"),
            owner.get());
        ProcessTrees.kill(handle);
        reaped++;
      }
    }
    return reaped;
  }

  static String tokenOf(ProcessHandle handle) {
    long startMillis = handle.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
    return handle.pid() + ":" + startMillis;
  }

  /** Whether the JVM a mark names still runs; false for a malformed mark. */
  public static boolean isAlive(String token) {
    int colon = token.indexOf(':');
    if (colon <= 0) {
      return false;
    }
    long pid;
    try {
      pid = Long.parseLong(token.substring(0, colon));
    } catch (NumberFormatException e) {
      return false;
    }
    return ProcessHandle.of(pid)
        .filter(ProcessHandle::isAlive)
        .map(ProcessOwnership::tokenOf)
        .filter(token::equals)
        .isPresent();
  }

  private static Optional<String> ownerOf(long pid) {
    try {
      byte[] environ = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "environ"));
      String prefix = ENV + "=";
      for (String entry : new String(environ, StandardCharsets.UTF_8).split("\0")) {
        if (entry.startsWith(prefix) && entry.indexOf(':') > prefix.length()) {
          return Optional.of(entry.substring(prefix.length()));
        }
      }
      return Optional.empty();
    } catch (IOException | SecurityException e) {
      // Gone meanwhile, or another user's process: not ours.
      return Optional.empty();
    }
  }
}
