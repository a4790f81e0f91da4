package dev.brook.operator.healing;

import java.time.Instant;
import java.util.Optional;

/**
 * One broker at this reconciliation.
 *
 * @param reason why it cannot serve, empty when it can
 * @param since when it became unavailable (carried over from the last status), empty when available
 * @param lost unavailable for longer than the grace period and fenced by the controller
 */
public record BrokerAvailability(
    int id, Optional<String> reason, Optional<Instant> since, boolean lost) {

  public static BrokerAvailability available(int id) {
    return new BrokerAvailability(id, Optional.empty(), Optional.empty(), false);
  }

  public boolean available() {
    return reason.isEmpty();
  }
}
