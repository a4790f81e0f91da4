package dev.brook.operator.quorum;

import static dev.brook.operator.kafka.KafkaCalls.await;

import dev.brook.operator.kafka.KafkaCallException;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.QuorumInfo;
import org.apache.kafka.common.Uuid;

/**
 * The controller quorum as its leader describes it: the voters, each with its directory id and
 * whether it is caught up with the leader.
 *
 * <p>A follower counts as caught up when it last reached the leader's log end less than {@link
 * #CAUGHT_UP_WITHIN_MS} before the leader itself did; both times come from the leader's clock, so
 * the operator's clock does not matter.
 */
public record ControllerQuorum(int leaderId, Map<Integer, Voter> voters) {

  static final long CAUGHT_UP_WITHIN_MS = 10_000;

  /** One voter; {@code directoryId} is what RemoveRaftVoter names it by, with its id. */
  public record Voter(int id, Uuid directoryId, boolean caughtUp) {}

  public ControllerQuorum {
    voters = Map.copyOf(voters);
  }

  /**
   * @throws KafkaCallException when no broker answers
   */
  public static ControllerQuorum describe(Admin admin) {
    QuorumInfo quorum =
        await(admin.describeMetadataQuorum().quorumInfo(), "describe the metadata quorum");
    long leaderCaughtUp =
        quorum.voters().stream()
            .filter(v -> v.replicaId() == quorum.leaderId())
            .mapToLong(v -> v.lastCaughtUpTimestamp().orElse(-1))
            .findFirst()
            .orElse(-1);
    Map<Integer, Voter> voters = new TreeMap<>();
    for (QuorumInfo.ReplicaState state : quorum.voters()) {
      long caughtUpAt = state.lastCaughtUpTimestamp().orElse(-1);
      boolean caughtUp =
          state.replicaId() == quorum.leaderId()
              || (caughtUpAt > 0 && leaderCaughtUp - caughtUpAt < CAUGHT_UP_WITHIN_MS);
      voters.put(
          state.replicaId(), new Voter(state.replicaId(), state.replicaDirectoryId(), caughtUp));
    }
    return new ControllerQuorum(quorum.leaderId(), voters);
  }

  public Set<Integer> voterIds() {
    return new TreeSet<>(voters.keySet());
  }

  public boolean isVoter(int id) {
    return voters.containsKey(id);
  }

  /** Voters {@code desired} does not name: they leave the quorum before their pods go. */
  public Set<Integer> unwanted(Set<Integer> desired) {
    Set<Integer> unwanted = voterIds();
    unwanted.removeAll(desired);
    return unwanted;
  }

  /** Ids of {@code desired} that are not voters yet: they join by themselves (auto-join). */
  public Set<Integer> missing(Set<Integer> desired) {
    Set<Integer> missing = new TreeSet<>(desired);
    missing.removeAll(voters.keySet());
    return missing;
  }

  /** How many voters other than {@code id} are caught up. */
  int caughtUpOthers(int id) {
    return (int) voters.values().stream().filter(v -> v.id() != id && v.caughtUp()).count();
  }
}
