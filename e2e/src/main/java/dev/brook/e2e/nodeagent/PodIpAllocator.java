package dev.brook.e2e.nodeagent;

import java.util.BitSet;

/**
 * Hands out one loopback address per pod, from a first address in 127.0.1.1-127.0.255.254 upward
 * (127.0.0.0/24 is left to the control plane and to tools). Linux routes all of 127.0.0.0/8 to the
 * loopback interface, so a process can bind its pod IP without any set-up. Thread-safe.
 */
final class PodIpAllocator {

  private static final int LAST = (1 << 16) - 1; // 127.0.255.255

  private final BitSet used = new BitSet();
  private final int first;

  PodIpAllocator(String firstIp) {
    this.first = offset(firstIp);
    if (first < 1 << 8) {
      throw new IllegalArgumentException("pod addresses start at 127.0.1.1 or above: " + firstIp);
    }
  }

  synchronized String allocate() {
    int candidate = first;
    while (candidate <= LAST) {
      candidate = used.nextClearBit(candidate);
      int lastOctet = candidate & 0xff;
      if (lastOctet != 0 && lastOctet != 255) {
        used.set(candidate);
        return "127.0." + (candidate >> 8) + "." + lastOctet;
      }
      candidate++;
    }
    throw new IllegalStateException("no loopback pod address left in 127.0.1.0-127.0.255.255");
  }

  synchronized void release(String ip) {
    if (ip != null && ip.startsWith("127.0.")) {
      used.clear(offset(ip));
    }
  }

  /** The address's position in 127.0.0.0/16: third octet * 256 + fourth octet. */
  private static int offset(String ip) {
    String[] octets = ip.split("\\.");
    if (octets.length != 4 || !"127".equals(octets[0]) || !"0".equals(octets[1])) {
      throw new IllegalArgumentException("not a 127.0.x.y address: " + ip);
    }
    return Integer.parseInt(octets[2]) << 8 | Integer.parseInt(octets[3]);
  }
}
