package dev.brook.operator.reassign;

import dev.brook.placement.TopicPartitionKey;
import java.util.List;

/**
 * What one {@link PartitionMover#step} left running.
 *
 * @param moving partitions being reassigned after the step (earlier batches and the new one)
 * @param waiting planned partitions not submitted yet, for want of free slots
 * @param cancelled in-flight reassignments cancelled because a target broker is not live; they are
 *     planned again at the next step
 */
public record MoveStep(
    List<TopicPartitionKey> moving,
    List<TopicPartitionKey> waiting,
    List<TopicPartitionKey> cancelled) {

  public MoveStep {
    moving = List.copyOf(moving);
    waiting = List.copyOf(waiting);
    cancelled = List.copyOf(cancelled);
  }

  /** Nothing in flight and nothing left to submit: the plan is done. */
  public boolean finished() {
    return moving.isEmpty() && waiting.isEmpty() && cancelled.isEmpty();
  }

  /** Partitions still to move, in flight or waiting. */
  public int remaining() {
    return moving.size() + waiting.size() + cancelled.size();
  }
}
