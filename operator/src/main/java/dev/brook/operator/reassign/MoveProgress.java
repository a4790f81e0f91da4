package dev.brook.operator.reassign;

import dev.brook.operator.api.PartitionMovesStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The status of a partition-moving operation after one {@link PartitionMover#step}: the start time
 * and the total carry over from the previous status of the same operation, so that a restarted
 * operator, which re-plans only what is left, still counts against the original total.
 */
public final class MoveProgress {

  private MoveProgress() {}

  public static PartitionMovesStatus of(
      String operation,
      List<Integer> brokers,
      MoveStep step,
      Optional<PartitionMovesStatus> previous,
      Instant now) {
    Optional<PartitionMovesStatus> same =
        previous.filter(p -> operation.equals(p.getOperation()) && brokers.equals(p.getBrokers()));
    PartitionMovesStatus status = new PartitionMovesStatus();
    status.setOperation(operation);
    status.setBrokers(brokers);
    status.setStartedAt(same.map(PartitionMovesStatus::getStartedAt).orElse(now.toString()));
    int total =
        Math.max(step.remaining(), same.map(PartitionMovesStatus::getPartitionsTotal).orElse(0));
    status.setPartitionsTotal(total);
    status.setPartitionsDone(total - step.remaining());
    status.setMoving(step.moving().stream().map(Object::toString).toList());
    return status;
  }

  /** "n of m partitions done, k moving". */
  public static String describe(PartitionMovesStatus moves) {
    return moves.getPartitionsDone()
        + " of "
        + moves.getPartitionsTotal()
        + " partitions done, "
        + moves.getMoving().size()
        + " moving";
  }
}
