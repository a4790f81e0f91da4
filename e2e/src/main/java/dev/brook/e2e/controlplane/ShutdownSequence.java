package dev.brook.e2e.controlplane;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One JVM shutdown hook that closes the registered components in reverse registration order.
 * Separate hooks would run concurrently, so the API server could stop while the node agent still
 * renews leases; here the agent (registered after the control plane) always stops first.
 * Thread-safe.
 */
public final class ShutdownSequence {

  private static final Logger LOG = LoggerFactory.getLogger(ShutdownSequence.class);
  private static final Deque<AutoCloseable> COMPONENTS = new ArrayDeque<>();
  private static boolean hookInstalled;

  private ShutdownSequence() {}

  /** Closes {@code component} at JVM exit unless it was {@link #unregister}ed before. */
  public static synchronized void register(AutoCloseable component) {
    if (!hookInstalled) {
      Runtime.getRuntime()
          .addShutdownHook(new Thread(ShutdownSequence::closeAll, "brook-e2e-shutdown"));
      hookInstalled = true;
    }
    COMPONENTS.push(component);
  }

  public static synchronized void unregister(AutoCloseable component) {
    COMPONENTS.remove(component);
  }

  private static void closeAll() {
    List<AutoCloseable> components;
    synchronized (ShutdownSequence.class) {
      components = new ArrayList<>(COMPONENTS);
      COMPONENTS.clear();
    }
    for (AutoCloseable component : components) {
      try {
        component.close();
      } catch (Exception e) {
        LOG.warn("Cannot close {} at JVM exit", component, e);
      }
    }
  }
}
