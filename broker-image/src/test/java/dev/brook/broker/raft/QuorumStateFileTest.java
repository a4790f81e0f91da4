package dev.brook.broker.raft;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.common.Uuid;
import org.apache.ratis.protocol.RaftPeer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuorumStateFileTest {

  private static final Uuid LATER = Uuid.fromString("GaAQaToiRRawehwuOQI7XA");

  @TempDir Path dir;

  @Test
  void shouldReadWhatItWrote() {
    Path file = dir.resolve(QuorumStateFile.NAME);
    QuorumStateFile.State state =
        new QuorumStateFile.State(
            LATER,
            "brook-1.brook-headless:9193",
            List.of(
                RatisGroups.peer(0, Uuid.ZERO_UUID, "brook-0.brook-headless:9093"),
                RatisGroups.peer(1, LATER, "brook-1.brook-headless:9193")));
    QuorumStateFile.write(file, state);

    QuorumStateFile.State read = QuorumStateFile.read(file).orElseThrow();
    assertThat(read.directoryId()).isEqualTo(LATER);
    assertThat(read.address()).isEqualTo("brook-1.brook-headless:9193");
    assertThat(read.voters())
        .extracting(peer -> peer.getId() + "@" + peer.getAddress())
        .containsExactly(
            "n0@brook-0.brook-headless:9093", "n1." + LATER + "@brook-1.brook-headless:9193");
    assertThat(QuorumStateFile.read(dir.resolve("absent"))).isEmpty();
  }

  @Test
  void shouldKeepTheIncarnationAtTheSameAddressAndStartANewOneElsewhere() {
    List<RaftPeer> three =
        List.of(
            RatisGroups.peer(0, Uuid.ZERO_UUID, "h0:9093"),
            RatisGroups.peer(1, Uuid.ZERO_UUID, "h1:9093"),
            RatisGroups.peer(2, Uuid.ZERO_UUID, "h2:9093"));
    QuorumStateFile.State state = new QuorumStateFile.State(Uuid.ZERO_UUID, "h1:9093", three);

    assertThat(state.incarnationAt(1, "h1:9093")).isEqualTo(Uuid.ZERO_UUID);
    Uuid moved = state.incarnationAt(1, "h1:9193");
    assertThat(moved).isNotEqualTo(Uuid.ZERO_UUID);
    assertThat(state.incarnationAt(1, "h1:9193")).isNotEqualTo(moved);
  }

  @Test
  void shouldKeepTheIncarnationOfTheOnlyVoterWhateverItsAddress() {
    QuorumStateFile.State alone =
        new QuorumStateFile.State(LATER, "h0:9093", List.of(RatisGroups.peer(0, LATER, "h0:9093")));

    assertThat(alone.incarnationAt(0, "h0:9193")).isEqualTo(LATER);
  }

  @Test
  void shouldNameIncarnationsAsKraftReplicaKeys() {
    assertThat(RatisGroups.peerId(4, Uuid.ZERO_UUID).toString()).isEqualTo("n4");
    assertThat(RatisGroups.nodeId(RatisGroups.peerId(4, LATER))).isEqualTo(4);
    assertThat(RatisGroups.directoryId(RatisGroups.peerId(4, LATER))).isEqualTo(LATER);
    assertThat(RatisGroups.directoryId(RatisGroups.peerId(1004, Uuid.ZERO_UUID)))
        .isEqualTo(Uuid.ZERO_UUID);
  }
}
