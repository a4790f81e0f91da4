package dev.brook.e2e.nodeagent;

import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;

/**
 * Hands out one loopback address per pod, from a first address in 127.0.1.1-127.0.255.254 upward
 * (127.0.0.0/24 is left to the control plane and to tools). Linux routes all of 127.0.0.0/8 to the
 * loopback interface, so a process can bind its pod IP without any set-up.
 *
 * <p>An address belongs to a pod (by uid) until the pod object is deleted, so a pod restarted after
 * a node restart keeps its IP, as {@code status.podIPs} may not change. Thread-safe.
 */
final class PodIpAllocator {

  private static final int LAST = (1 << 16) - 1; // 127.0.255.255

  private final BitSet used = new BitSet();
  private final Map<String, Integer> byPodUid = new HashMap<>();
  private final int first;

  PodIpAllocator(String firstIp) {
    this.first = offset(firstIp);
    if (first < 1 << 8) {
      throw new IllegalArgumentException("pod addresses start at 127.0.1.1 or above: " + firstIp);
    }
  }

  /**
   * The pod's address. On first use it is {@code reportedIp} (the pod's {@code status.podIP}, e.g.
   * from an earlier agent) when that is free and in range, else the lowest free address.
   */
  synchronized String addressOf(String podUid, String reportedIp) {
    Integer existing = byPodUid.get(podUid);
    if (existing != null) {
      return format(existing);
    }
    if (reportedIp != null && reportedIp.startsWith("127.0.")) {
      int reported = offset(reportedIp);
      if (reported >= first && !used.get(reported)) {
        used.set(reported);
        byPodUid.put(podUid, reported);
        return reportedIp;
      }
    }
    int candidate = first;
    while (candidate <= LAST) {
      candidate = used.nextClearBit(candidate);
      int lastOctet = candidate & 0xff;
      if (lastOctet != 0 && lastOctet != 255 && candidate <= LAST) {
        used.set(candidate);
        byPodUid.put(podUid, candidate);
        return format(candidate);
      }
      candidate++;
    }
    throw new IllegalStateException("no loopback pod address left from 127.0." + (first >> 8));
  }

  /** Frees the pod's address once the pod object is gone. */
  synchronized void release(String podUid) {
    Integer offset = byPodUid.remove(podUid);
    if (offset != null) {
      used.clear(offset);
    }
  }

  private static String format(int offset) {
    return "127.0." + (offset >> 8) + "." + (offset & 0xff);
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
