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

  /** Adds how far the copying of the moves in flight is, when the brokers could tell. */
  public static PartitionMovesStatus withCopy(
      PartitionMovesStatus status, Optional<CopyProgress> copy) {
    status.setBytesCopied(copy.map(CopyProgress::copied).orElse(null));
    status.setBytesToCopy(copy.map(CopyProgress::toCopy).orElse(null));
    return status;
  }

  /** "n of m partitions done, k moving" and, while copying, "x of y MiB copied". */
  public static String describe(PartitionMovesStatus moves) {
    String partitions =
        moves.getPartitionsDone()
            + " of "
            + moves.getPartitionsTotal()
            + " partitions done, "
            + moves.getMoving().size()
            + " moving";
    if (moves.getBytesToCopy() == null) {
      return partitions;
    }
    return partitions
        + String.format(
            ", %.1f of %.1f MiB copied",
            mebibytes(moves.getBytesCopied()), mebibytes(moves.getBytesToCopy()));
  }

  private static double mebibytes(long bytes) {
    return bytes / (1024.0 * 1024.0);
  }
}
