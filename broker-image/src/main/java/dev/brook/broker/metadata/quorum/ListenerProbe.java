package dev.brook.broker.metadata.quorum;

import dev.brook.broker.metadata.BrokerRegistration;

/**
 * Asks whether a broker's process is gone: its host answers, but nothing listens on its client port
 * any more. Only a refused connection counts; a timeout, an unknown host or an accepted connection
 * prove nothing (a frozen process still has its socket in the kernel's accept queue).
 */
@FunctionalInterface
interface ListenerProbe {

  boolean refusesConnections(BrokerRegistration broker);
}
