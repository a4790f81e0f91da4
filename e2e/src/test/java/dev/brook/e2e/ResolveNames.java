package dev.brook.e2e;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Run in a pod: prints {@code name=address} or {@code name=unknown} for each argument. */
public final class ResolveNames {

  private ResolveNames() {}

  public static void main(String[] args) {
    for (String name : args) {
      try {
        System.out.println(name + "=" + InetAddress.getByName(name).getHostAddress());
      } catch (UnknownHostException e) {
        System.out.println(name + "=unknown");
      }
    }
  }
}
