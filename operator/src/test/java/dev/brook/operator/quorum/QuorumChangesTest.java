package dev.brook.operator.quorum;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.common.Uuid;
import org.junit.jupiter.api.Test;

class QuorumChangesTest {

  @Test
  void shouldRestartAVoterOnlyWhenTheOthersCaughtUpAreAMajority() {
    QuorumChanges allCaughtUp = changes(quorum(0, 0, 1, 2), Set.of(0, 1, 2));
    assertThat(allCaughtUp.restartBlocker(1, Set.of())).isEmpty();

    QuorumChanges oneBehind = changes(quorum(0, 0, 1, -2), Set.of(0, 1, 2));
    assertThat(oneBehind.restartBlocker(1, Set.of()))
        .hasValueSatisfying(
            reason -> assertThat(reason).contains("1 of the other voters").contains("needs 2"));
    assertThat(oneBehind.restartBlocker(2, Set.of()))
        .as("the lagging voter itself may restart")
        .isEmpty();
  }

  @Test
  void shouldLetALeavingVoterGoWhenTheSmallerQuorumHasItsMajority() {
    QuorumChanges shrinking = changes(quorum(0, 0, 1, -2), Set.of(0));
    assertThat(shrinking.mustLeave(2)).isTrue();
    assertThat(shrinking.mustLeave(0)).isFalse();
    assertThat(shrinking.restartBlocker(2, Set.of())).isEmpty();

    QuorumChanges twoBehind = changes(quorum(0, 0, -1, -2), Set.of(0));
    assertThat(twoBehind.restartBlocker(2, Set.of()))
        .hasValueSatisfying(reason -> assertThat(reason).contains("waits to leave"));
  }

  @Test
  void shouldHoldVotersWhileWantedVotersHaveNotJoined() {
    QuorumChanges growing = changes(quorum(0, 0), Set.of(0, 1, 2));
    assertThat(growing.quorum().missing(Set.of(0, 1, 2))).containsExactly(1, 2);
    assertThat(growing.restartBlocker(0, Set.of(1, 2)))
        .hasValueSatisfying(reason -> assertThat(reason).contains("[1, 2] have not joined"));
    assertThat(growing.restartBlocker(0, Set.of())).as("a single voter restarts anyway").isEmpty();
    assertThat(growing.restartBlocker(1, Set.of(2))).as("not a voter").isEmpty();
  }

  private static QuorumChanges changes(ControllerQuorum quorum, Set<Integer> desired) {
    return new QuorumChanges(null, quorum, desired, Optional.empty());
  }

  /** A quorum led by {@code leader}; a negative id is a voter that is not caught up. */
  private static ControllerQuorum quorum(int leader, int... voters) {
    Map<Integer, ControllerQuorum.Voter> states = new TreeMap<>();
    for (int voter : voters) {
      int id = Math.abs(voter);
      states.put(id, new ControllerQuorum.Voter(id, Uuid.ZERO_UUID, voter >= 0));
    }
    return new ControllerQuorum(leader, states);
  }
}
