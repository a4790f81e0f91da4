package dev.brook.operator.healing;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Decides which brokers are unavailable, since when, and which of them are lost: unavailable for
 * longer than {@code spec.healing.gracePeriod} <em>and</em> fenced by the controller (not among the
 * live brokers the cluster reports). Both are needed: a pod can look dead to Kubernetes (its node
 * stopped reporting) while the broker still serves, and a fenced broker may be restarting within
 * its grace period. Since-times live in the Cluster's status, so an operator restart does not
 * restart the grace period. A lost broker keeps the reason it was lost for until it serves again:
 * replacing its pod changes what the pod looks like ("pod missing", then "pod not ready"), not why
 * the broker was lost.
 */
public final class BrokerHealth {

  private BrokerHealth() {}

  /**
   * @param brokerIds the broker ids to assess
   * @param pods the broker pods by id
   * @param nodes the cluster's nodes by name
   * @param previous each unavailable broker as the last status recorded it
   * @param liveBrokers the brokers the controller reports unfenced; empty when the cluster could
   *     not be asked (then no broker is declared lost)
   * @param gracePeriod zero disables healing (no broker is ever lost)
   */
  public static Map<Integer, BrokerAvailability> assess(
      Set<Integer> brokerIds,
      Map<Integer, Pod> pods,
      Map<String, Node> nodes,
      Map<Integer, BrokerAvailability> previous,
      Optional<Set<Integer>> liveBrokers,
      Duration gracePeriod,
      Instant now) {
    Map<Integer, BrokerAvailability> result = new TreeMap<>();
    for (int id : brokerIds) {
      Optional<String> current = Unavailability.of(Optional.ofNullable(pods.get(id)), nodes);
      if (current.isEmpty()) {
        result.put(id, BrokerAvailability.available(id));
        continue;
      }
      Optional<BrokerAvailability> before = Optional.ofNullable(previous.get(id));
      Instant since = before.flatMap(BrokerAvailability::since).orElse(now);
      boolean fenced = liveBrokers.map(live -> !live.contains(id)).orElse(false);
      boolean graceOver = !gracePeriod.isZero() && !now.isBefore(since.plus(gracePeriod));
      boolean lost = fenced && graceOver;
      Optional<String> reason =
          lost && before.map(BrokerAvailability::lost).orElse(false)
              ? before.get().reason().or(() -> current)
              : current;
      result.put(id, new BrokerAvailability(id, reason, Optional.of(since), lost));
    }
    return result;
  }
}
