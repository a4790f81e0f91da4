package dev.brook.broker.raft;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.ConfigException;

/**
 * The controller quorum from {@code controller.quorum.voters} ({@code id@host:port,...}, KRaft's
 * syntax). Every node derives the same Raft group id and cluster id from it, so no node needs to be
 * told either: both are name-based UUIDs of the sorted voter list.
 */
public record QuorumVoters(List<Voter> voters) {

  public static final String CONFIG_KEY = "controller.quorum.voters";

  /** One voter: its node id and the address its Raft server listens on. */
  public record Voter(int id, String host, int port) {
    public String address() {
      return host + ":" + port;
    }
  }

  public QuorumVoters {
    voters = voters.stream().sorted(java.util.Comparator.comparingInt(Voter::id)).toList();
  }

  public static QuorumVoters parse(List<String> entries) {
    List<Voter> voters = new ArrayList<>();
    for (String raw : entries) {
      String entry = raw.trim();
      int at = entry.indexOf('@');
      int colon = entry.lastIndexOf(':');
      if (at <= 0 || colon <= at + 1 || colon == entry.length() - 1) {
        throw new ConfigException(CONFIG_KEY, entry, "expected id@host:port");
      }
      try {
        int id = Integer.parseInt(entry.substring(0, at));
        String host = entry.substring(at + 1, colon).replace("[", "").replace("]", "");
        int port = Integer.parseInt(entry.substring(colon + 1));
        voters.add(new Voter(id, host, port));
      } catch (NumberFormatException e) {
        throw new ConfigException(CONFIG_KEY, entry, "id and port must be integers");
      }
    }
    if (voters.stream().map(Voter::id).distinct().count() != voters.size()) {
      throw new ConfigException(CONFIG_KEY, entries.toString(), "voter ids must be distinct");
    }
    return new QuorumVoters(voters);
  }

  public boolean isEmpty() {
    return voters.isEmpty();
  }

  public Optional<Voter> voter(int id) {
    return voters.stream().filter(v -> v.id() == id).findFirst();
  }

  /** The Raft group id every voter agrees on. */
  public UUID groupId() {
    return nameUuid("brook-metadata:" + canonical());
  }

  /** The cluster id (Kafka's base64 form) every voter agrees on. */
  public String clusterId() {
    UUID uuid = nameUuid("brook-cluster:" + canonical());
    return new Uuid(uuid.getMostSignificantBits(), uuid.getLeastSignificantBits()).toString();
  }

  private String canonical() {
    return String.join(",", voters.stream().map(v -> v.id() + "@" + v.address()).toList());
  }

  private static UUID nameUuid(String name) {
    return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
  }
}
