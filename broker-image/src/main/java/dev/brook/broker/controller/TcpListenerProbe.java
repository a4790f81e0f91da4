package dev.brook.broker.controller;

import dev.brook.broker.config.Listener;
import dev.brook.broker.metadata.image.BrokerRegistration;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;

/** A TCP connect to the broker's first registered listener, with a short bound. */
public final class TcpListenerProbe implements ListenerProbe {

  private final int connectTimeoutMs;

  public TcpListenerProbe(int connectTimeoutMs) {
    this.connectTimeoutMs = connectTimeoutMs;
  }

  @Override
  public Answer probe(BrokerRegistration broker) {
    if (broker.endpoints().isEmpty()) {
      return Answer.INCONCLUSIVE;
    }
    Listener listener = broker.endpoints().get(0);
    InetSocketAddress address = new InetSocketAddress(listener.host(), listener.port());
    if (address.isUnresolved()) {
      return Answer.INCONCLUSIVE;
    }
    try (Socket socket = new Socket()) {
      socket.connect(address, connectTimeoutMs);
      return Answer.ACCEPTED;
    } catch (ConnectException refused) {
      return Answer.REFUSED;
    } catch (IOException inconclusive) {
      return Answer.INCONCLUSIVE;
    }
  }
}
