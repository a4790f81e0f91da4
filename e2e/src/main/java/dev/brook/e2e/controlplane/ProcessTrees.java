package dev.brook.e2e.controlplane;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Stops a process together with everything it started.
 *
 * <p>The descendants are listed before the root is signalled: once a parent dies its children are
 * re-parented to init and can no longer be found from it. A shell running {@code sleep} is the
 * common case where killing only the root would leave a process behind.
 */
public final class ProcessTrees {

  private ProcessTrees() {}

  /**
   * Sends SIGTERM to the tree, waits up to {@code gracePeriod} for the root to exit, then sends
   * SIGKILL to whatever is left. Returns true when the root exited within the grace period.
   */
  public static boolean terminate(ProcessHandle root, Duration gracePeriod) {
    List<ProcessHandle> tree = treeOf(root);
    tree.forEach(ProcessHandle::destroy);
    boolean graceful = awaitExit(root, gracePeriod);
    kill(tree);
    return graceful;
  }

  /** Sends SIGKILL to the process and all its descendants, and waits briefly for them to exit. */
  public static void kill(ProcessHandle root) {
    kill(treeOf(root));
  }

  private static void kill(List<ProcessHandle> tree) {
    tree.forEach(ProcessHandle::destroyForcibly);
    tree.forEach(handle -> awaitExit(handle, Duration.ofSeconds(5)));
  }

  private static List<ProcessHandle> treeOf(ProcessHandle root) {
    List<ProcessHandle> tree = new ArrayList<>();
    tree.add(root);
    root.descendants().forEach(tree::add);
    return tree;
  }

  private static boolean awaitExit(ProcessHandle handle, Duration timeout) {
    CompletableFuture<ProcessHandle> exit = handle.onExit();
    try {
      exit.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (ExecutionException e) {
      return !handle.isAlive();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !handle.isAlive();
    }
  }
}
