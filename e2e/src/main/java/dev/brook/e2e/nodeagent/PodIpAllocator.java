package dev.brook.e2e.nodeagent;

import java.util.BitSet;

/**
 * Hands out one loopback address per pod, from 127.0.1.1 upward (127.0.0.0/24 is left to the
 * control plane and to tools). Linux routes all of 127.0.0.0/8 to the loopback interface, so a
 * process can bind its pod IP without any set-up. Thread-safe.
 */
final class PodIpAllocator {

  private static final int FIRST = 1 << 8; // 127.0.1.0
  private static final int LAST = (1 << 16) - 1; // 127.0.255.255

  private final BitSet used = new BitSet();

  synchronized String allocate() {
    int candidate = FIRST;
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
    if (ip == null || !ip.startsWith("127.0.")) {
      return;
    }
    String[] octets = ip.split("\\.");
    used.clear(Integer.parseInt(octets[2]) << 8 | Integer.parseInt(octets[3]));
  }
}
