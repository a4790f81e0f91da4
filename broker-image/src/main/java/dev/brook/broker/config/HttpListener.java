package dev.brook.broker.config;

import java.net.InetSocketAddress;
import java.util.Optional;
import org.apache.kafka.common.config.ConfigException;

/** The {@code http.listener} setting: where health and metrics are served, if anywhere. */
public final class HttpListener {

  private HttpListener() {}

  /** The address in {@code value} ({@code host:port}); empty when {@code value} is blank. */
  static Optional<InetSocketAddress> parse(String key, String value) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    int colon = value.lastIndexOf(':');
    if (colon < 0) {
      throw new ConfigException(key, value, "expected host:port");
    }
    String host = value.substring(0, colon).trim();
    int port;
    try {
      port = Integer.parseInt(value.substring(colon + 1).trim());
    } catch (NumberFormatException e) {
      throw new ConfigException(key, value, "the port is not a number");
    }
    if (port < 0 || port > 65535) {
      throw new ConfigException(key, value, "the port must be between 0 and 65535");
    }
    return Optional.of(
        host.isEmpty() ? new InetSocketAddress(port) : new InetSocketAddress(host, port));
  }
}
