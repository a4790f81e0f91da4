package dev.brook.placement;

import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A drain that moves what it can.
 *
 * @param plan the moves off the leaving brokers, for every partition that has a target
 * @param stuck partitions with a replica on a leaving broker and no broker left to take it
 */
public record DrainPlan(ReassignmentPlan plan, SortedSet<TopicPartitionKey> stuck) {

  public DrainPlan {
    stuck = Collections.unmodifiableSortedSet(new TreeSet<>(stuck));
  }
}
