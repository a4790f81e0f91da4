package dev.brook.operator.cluster.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Assigns a rack (zone) to each new broker id: the zone with the fewest brokers of the cluster,
 * ties broken by zone name. Existing brokers keep the rack they have (moving one would move its
 * data). Starting from nothing this is a rotation over the sorted zones.
 */
public final class RackAssignment {

  private RackAssignment() {}

  /**
   * @param zones distinct zones of the schedulable nodes
   * @param existing rack of each broker id that already has a pod
   * @param brokerId a broker id without a pod
   * @return the zone for {@code brokerId}, or empty when no node carries a zone
   */
  public static Optional<String> assign(
      List<String> zones, Map<Integer, String> existing, int brokerId) {
    if (zones.isEmpty()) {
      return Optional.empty();
    }
    Map<String, Integer> load = new TreeMap<>();
    zones.forEach(zone -> load.put(zone, 0));
    existing.forEach(
        (id, zone) -> {
          if (id != brokerId) {
            load.computeIfPresent(zone, (z, n) -> n + 1);
          }
        });
    return load.entrySet().stream()
        .min(
            Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
        .map(Map.Entry::getKey);
  }
}
