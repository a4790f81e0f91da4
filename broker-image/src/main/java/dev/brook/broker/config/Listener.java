package dev.brook.broker.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.ConfigException;

/** One {@code NAME://host:port} entry of {@code listeners} or {@code advertised.listeners}. */
public record Listener(String name, String host, int port) {

  private static final Pattern FORMAT =
      Pattern.compile("^([A-Za-z0-9_]+)://\\[?([^\\]]*)\\]?:(\\d+)$");

  static List<Listener> parseList(String key, List<String> entries) {
    List<Listener> parsed = new ArrayList<>();
    for (String entry : entries) {
      Listener listener = parse(key, entry.trim());
      if (parsed.stream().anyMatch(l -> l.name().equals(listener.name()))) {
        throw new ConfigException(key, entry, "listener name " + listener.name() + " repeated");
      }
      parsed.add(listener);
    }
    return List.copyOf(parsed);
  }

  static Listener parse(String key, String entry) {
    Matcher m = FORMAT.matcher(entry);
    if (!m.matches()) {
      throw new ConfigException(key, entry, "expected NAME://host:port");
    }
    int port = Integer.parseInt(m.group(3));
    if (port > 65535) {
      throw new ConfigException(key, entry, "port out of range");
    }
    return new Listener(m.group(1).toUpperCase(Locale.ROOT), m.group(2), port);
  }

  @Override
  public String toString() {
    return name + "://" + host + ":" + port;
  }
}
