package dev.brook.operator.cluster.model;

import dev.brook.operator.api.ClusterSpec;
import java.util.Set;
import java.util.TreeSet;

/**
 * The node ids of a Cluster's dedicated controllers ({@code spec.controllers.dedicated}): {@value
 * #FIRST} and up, one per voter, apart from the broker ids below {@value #FIRST} (the CRD keeps
 * {@code replicas} and {@code removeBrokers} there).
 */
public final class ControllerIds {

  public static final int FIRST = 1000;

  private ControllerIds() {}

  public static boolean dedicated(ClusterSpec spec) {
    return spec.getControllers().isDedicated();
  }

  /** The dedicated controllers' ids; none when the voters are brokers. */
  public static Set<Integer> of(ClusterSpec spec) {
    Set<Integer> ids = new TreeSet<>();
    if (dedicated(spec)) {
      for (int i = 0; i < spec.getControllers().getCount(); i++) {
        ids.add(FIRST + i);
      }
    }
    return ids;
  }
}
