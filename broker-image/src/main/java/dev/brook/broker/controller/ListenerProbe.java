package dev.brook.broker.controller;

import dev.brook.broker.metadata.image.BrokerRegistration;

/**
 * Asks whether a broker's process is still there: a connect to its client listener. Only a refused
 * connection says the process is gone; a timeout or an unknown host prove nothing, and an accepted
 * connection proves only that the socket exists (a frozen process still has it in the kernel's
 * accept queue).
 */
@FunctionalInterface
public interface ListenerProbe {

  enum Answer {
    ACCEPTED,
    REFUSED,
    INCONCLUSIVE
  }

  Answer probe(BrokerRegistration broker);
}
