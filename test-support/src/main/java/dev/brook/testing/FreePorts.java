package dev.brook.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Free TCP ports on 127.0.0.1 for processes a test starts, each handed out once per JVM.
 *
 * <p>They come from below the kernel's ephemeral range (Linux's default starts at 32768): a port
 * the kernel picked with {@code bind(0)} can be taken, before the broker binds it, as the local
 * port of any outgoing connection, or be picked again for the next node; a broker that then fails
 * to bind exits while the port answers for someone else (seen once as a node missing from a fresh
 * cluster). The scan starts at an offset derived from the process id, so test JVMs running side by
 * side rarely probe the same ports, and every port is checked to be bindable before it is given.
 */
public final class FreePorts {

  private static final int FIRST = 20000;
  private static final int LAST = 32767;
  private static final int RANGE = LAST - FIRST + 1;

  private static int cursor = (int) ((ProcessHandle.current().pid() * 7919L) % RANGE);
  private static int handedOut;

  private FreePorts() {}

  public static synchronized int next() {
    while (handedOut < RANGE) {
      int port = FIRST + cursor;
      cursor = (cursor + 1) % RANGE;
      handedOut++;
      if (bindable(port)) {
        return port;
      }
    }
    throw new IllegalStateException("no free port left on 127.0.0.1 in " + FIRST + "-" + LAST);
  }

  private static boolean bindable(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
