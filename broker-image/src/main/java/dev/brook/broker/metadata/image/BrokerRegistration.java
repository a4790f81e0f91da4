package dev.brook.broker.metadata.image;

import dev.brook.broker.config.Listener;
import java.util.List;
import java.util.Optional;

/** A broker as the cluster metadata knows it. {@code epoch} changes on every (re)registration. */
public record BrokerRegistration(
    int id, long epoch, Optional<String> rack, List<Listener> endpoints, boolean fenced) {

  public BrokerRegistration {
    endpoints = List.copyOf(endpoints);
  }

  public Optional<Listener> endpoint(String listenerName) {
    return endpoints.stream().filter(e -> e.name().equals(listenerName)).findFirst();
  }

  public BrokerRegistration withFenced(boolean fenced) {
    return new BrokerRegistration(id, epoch, rack, endpoints, fenced);
  }
}
