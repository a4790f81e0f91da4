package dev.brook.placement;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Rack arithmetic over replica lists. Brokers outside the cluster view have no known rack. */
final class Racks {

  private Racks() {}

  /** How many of the given brokers sit in each rack. */
  static Map<Optional<String>, Integer> usage(Collection<Integer> brokers, ClusterView cluster) {
    Map<Optional<String>, Integer> usage = new HashMap<>();
    for (int broker : brokers) {
      if (cluster.contains(broker)) {
        usage.merge(cluster.rackOf(broker), 1, Integer::sum);
      }
    }
    return usage;
  }

  /** The number of distinct racks among the given brokers. */
  static int distinct(Collection<Integer> brokers, ClusterView cluster) {
    Set<Optional<String>> racks = new HashSet<>();
    for (int broker : brokers) {
      if (cluster.contains(broker)) {
        racks.add(cluster.rackOf(broker));
      }
    }
    return racks.size();
  }

  /**
   * Whether replacing {@code out} (in the view) by {@code in} keeps the number of distinct racks:
   * true when both share a rack, when another replica keeps {@code out}'s rack, or when {@code
   * in}'s rack is new to the partition.
   */
  static boolean swapKeepsSpread(List<Integer> replicas, int out, int in, ClusterView cluster) {
    Optional<String> outRack = cluster.rackOf(out);
    Optional<String> inRack = cluster.rackOf(in);
    if (outRack.equals(inRack)) {
      return true;
    }
    boolean outRackStays = false;
    boolean inRackUsed = false;
    for (int broker : replicas) {
      if (broker != out && cluster.contains(broker)) {
        Optional<String> rack = cluster.rackOf(broker);
        outRackStays |= rack.equals(outRack);
        inRackUsed |= rack.equals(inRack);
      }
    }
    return outRackStays || !inRackUsed;
  }
}
