package dev.brook.operator.cluster.model;

import dev.brook.operator.api.ClusterSpec;
import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The broker ids a Cluster wants: the {@code spec.replicas} lowest non-negative ids that {@code
 * spec.removeBrokers} does not list. Derived from the spec alone, so scaling down without a list
 * removes the highest ids and a listed id is drained wherever it sits.
 */
public final class BrokerIds {

  private BrokerIds() {}

  public static SortedSet<Integer> of(ClusterSpec spec) {
    SortedSet<Integer> removed = new TreeSet<>(spec.getRemoveBrokers());
    SortedSet<Integer> ids = new TreeSet<>();
    for (int id = 0; ids.size() < spec.getReplicas(); id++) {
      if (!removed.contains(id)) {
        ids.add(id);
      }
    }
    return Collections.unmodifiableSortedSet(ids);
  }
}
