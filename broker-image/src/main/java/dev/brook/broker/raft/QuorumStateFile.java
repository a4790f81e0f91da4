package dev.brook.broker.raft;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.common.Uuid;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;

/**
 * What a voter remembers of the quorum across restarts, in {@code quorum-state} beside its Raft
 * storage (KRaft keeps a file of that name there too): the incarnation it runs as, the address it
 * ran at, and the voters of the latest configuration it knew, which is where it finds the active
 * controller after a restart at another address (the others still listen where that configuration
 * says, not where {@code controller.quorum.voters} now does).
 */
final class QuorumStateFile {

  static final String NAME = "quorum-state";
  private static final String DIRECTORY_ID = "directory.id";
  private static final String ADDRESS = "controller.address";
  private static final String VOTERS = "voters";

  private QuorumStateFile() {}

  /**
   * @param directoryId the incarnation, KRaft's directory id of the replica ({@link RatisGroups})
   * @param address where this voter's Raft server ran
   */
  record State(Uuid directoryId, String address, List<RaftPeer> voters) {

    State {
      voters = List.copyOf(voters);
    }

    /**
     * The incarnation a voter now at {@code address} runs as. A voter whose address changed becomes
     * a new Raft peer: Ratis keeps using the address it first knew a peer by, so the others could
     * never reach the old peer at its new address. The voter keeps its incarnation when nobody else
     * knows it (it was the only voter: the configuration takes its new address at the next change).
     */
    Uuid incarnationAt(int nodeId, String newAddress) {
      if (address.equals(newAddress)
          || voters.stream().allMatch(peer -> RatisGroups.nodeId(peer.getId()) == nodeId)) {
        return directoryId;
      }
      return Uuid.randomUuid();
    }

    State withVoters(Collection<RaftPeer> current) {
      return new State(directoryId, address, List.copyOf(current));
    }
  }

  /** This voter's incarnation; empty on a first start or where only voters were remembered. */
  static Optional<State> read(Path file) {
    Properties properties = load(file);
    String directoryId = properties.getProperty(DIRECTORY_ID);
    if (directoryId == null) {
      return Optional.empty();
    }
    return Optional.of(
        new State(
            Uuid.fromString(directoryId), properties.getProperty(ADDRESS), voters(properties)));
  }

  /** The voters last remembered, on a voter or a broker-only node; empty if none were. */
  static List<RaftPeer> voters(Path file) {
    return voters(load(file));
  }

  private static List<RaftPeer> voters(Properties properties) {
    List<RaftPeer> voters = new ArrayList<>();
    for (String entry : properties.getProperty(VOTERS, "").split(",")) {
      if (entry.isBlank()) {
        continue;
      }
      int at = entry.indexOf('@');
      voters.add(
          RaftPeer.newBuilder()
              .setId(RaftPeerId.valueOf(entry.substring(0, at)))
              .setAddress(entry.substring(at + 1))
              .build());
    }
    return voters;
  }

  private static Properties load(Path file) {
    Properties properties = new Properties();
    if (!Files.isRegularFile(file)) {
      return properties;
    }
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return properties;
  }

  static void write(Path file, State state) {
    Properties properties = new Properties();
    properties.setProperty(DIRECTORY_ID, state.directoryId().toString());
    properties.setProperty(ADDRESS, state.address());
    store(file, withVoters(properties, state.voters()));
  }

  /**
   * Remembers {@code voters}, keeping the rest: a broker-only node, which has no incarnation of its
   * own, remembers where the voters were for its next start.
   */
  static void writeVoters(Path file, Collection<RaftPeer> voters) {
    store(file, withVoters(load(file), voters));
  }

  private static Properties withVoters(Properties properties, Collection<RaftPeer> voters) {
    properties.setProperty(
        VOTERS,
        String.join(",", voters.stream().map(p -> p.getId() + "@" + p.getAddress()).toList()));
    return properties;
  }

  /** Replaces the file atomically, so a crash leaves the old state or the new one. */
  private static void store(Path file, Properties properties) {
    Path temporary = file.resolveSibling(NAME + ".tmp");
    try {
      Files.createDirectories(file.getParent());
      StringWriter text = new StringWriter();
      properties.store(text, "Brook metadata quorum: this voter's incarnation and voters");
      try (FileChannel channel =
          FileChannel.open(
              temporary,
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE,
              StandardOpenOption.TRUNCATE_EXISTING)) {
        channel.write(ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8)));
        channel.force(true);
      }
      Files.move(
          temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
