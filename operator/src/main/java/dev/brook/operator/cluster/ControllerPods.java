package dev.brook.operator.cluster;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Map;

/**
 * The dedicated controller pods of a Cluster as they are and as they should be; both empty when its
 * voters are brokers.
 */
record ControllerPods(BrokerFleet current, Map<Integer, Pod> desired) {

  static final ControllerPods NONE = new ControllerPods(new BrokerFleet(Map.of()), Map.of());

  boolean allReady() {
    return current.allReady(desired.keySet());
  }

  List<Integer> stale() {
    return BrokerRoller.stale(current, desired);
  }
}
