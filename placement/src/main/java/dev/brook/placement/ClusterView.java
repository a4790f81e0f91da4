package dev.brook.placement;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The brokers that may receive replicas (registered, unfenced, not leaving), with their racks.
 * Immutable.
 *
 * <p>Invariants: broker ids are unique; brokers without a rack share the unnamed rack (see {@link
 * BrokerInfo}); {@link #rackInterleavedOrder()} lists every broker once, taking one broker from
 * each rack in turn so that consecutive brokers sit in different racks whenever racks allow it.
 */
public final class ClusterView {

  /** Racks ordered by name, the unnamed rack first. */
  static final Comparator<Optional<String>> RACK_ORDER =
      Comparator.comparing(
          (Optional<String> rack) -> rack.orElse(null),
          Comparator.nullsFirst(Comparator.naturalOrder()));

  private final SortedMap<Integer, BrokerInfo> brokersById;
  private final SortedMap<Optional<String>, List<Integer>> brokerIdsByRack;
  private final List<Integer> rackInterleavedOrder;

  private ClusterView(SortedMap<Integer, BrokerInfo> brokersById) {
    this.brokersById = Collections.unmodifiableSortedMap(brokersById);
    SortedMap<Optional<String>, List<Integer>> byRack = new TreeMap<>(RACK_ORDER);
    for (BrokerInfo broker : brokersById.values()) {
      byRack.computeIfAbsent(broker.rack(), rack -> new ArrayList<>()).add(broker.id());
    }
    byRack.replaceAll((rack, ids) -> List.copyOf(ids));
    this.brokerIdsByRack = Collections.unmodifiableSortedMap(byRack);
    this.rackInterleavedOrder = interleave(byRack.values());
  }

  public static ClusterView of(Collection<BrokerInfo> brokers) {
    SortedMap<Integer, BrokerInfo> byId = new TreeMap<>();
    for (BrokerInfo broker : brokers) {
      if (byId.putIfAbsent(broker.id(), broker) != null) {
        throw new IllegalArgumentException("broker id " + broker.id() + " appears twice");
      }
    }
    return new ClusterView(byId);
  }

  public static ClusterView of(BrokerInfo... brokers) {
    return of(List.of(brokers));
  }

  /** This view without the given brokers (ids that are not in the view are ignored). */
  public ClusterView without(Collection<Integer> brokerIds) {
    SortedMap<Integer, BrokerInfo> remaining = new TreeMap<>(brokersById);
    remaining.keySet().removeAll(brokerIds);
    return new ClusterView(remaining);
  }

  public int size() {
    return brokersById.size();
  }

  public boolean contains(int brokerId) {
    return brokersById.containsKey(brokerId);
  }

  /** Broker ids in ascending order. */
  public Set<Integer> brokerIds() {
    return brokersById.keySet();
  }

  public Collection<BrokerInfo> brokers() {
    return brokersById.values();
  }

  /**
   * The rack of a broker in this view; empty for the unnamed rack.
   *
   * @throws IllegalArgumentException when the broker is not in this view
   */
  public Optional<String> rackOf(int brokerId) {
    BrokerInfo broker = brokersById.get(brokerId);
    if (broker == null) {
      throw new IllegalArgumentException("broker " + brokerId + " is not in the cluster view");
    }
    return broker.rack();
  }

  /** Number of racks, counting the unnamed rack when some broker has no rack. */
  public int rackCount() {
    return brokerIdsByRack.size();
  }

  /** Broker ids per rack, racks by name (unnamed first), ids ascending. */
  public Map<Optional<String>, List<Integer>> brokerIdsByRack() {
    return brokerIdsByRack;
  }

  /** Every broker once: the first broker of each rack, then the second of each, and so on. */
  public List<Integer> rackInterleavedOrder() {
    return rackInterleavedOrder;
  }

  private static List<Integer> interleave(Collection<List<Integer>> racks) {
    List<Deque<Integer>> queues = new ArrayList<>();
    for (List<Integer> rack : racks) {
      queues.add(new ArrayDeque<>(rack));
    }
    List<Integer> order = new ArrayList<>();
    boolean progressed = true;
    while (progressed) {
      progressed = false;
      for (Deque<Integer> queue : queues) {
        if (!queue.isEmpty()) {
          order.add(queue.poll());
          progressed = true;
        }
      }
    }
    return List.copyOf(order);
  }

  @Override
  public String toString() {
    return "ClusterView" + brokersById.values();
  }
}
