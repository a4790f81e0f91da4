package dev.brook.broker.group;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * States of a classic group and the transitions allowed into each.
 *
 * <pre>
 *            +---------------------------------------------+
 *            v                                             |
 *  Empty --> PreparingRebalance --> CompletingRebalance --> Stable
 *    ^            |   ^                   |                  |
 *    +------------+   +-------------------+------------------+
 *  (every state may become Dead: deletion, expiry or resignation)
 * </pre>
 */
public enum GroupState {
  EMPTY("Empty"),
  PREPARING_REBALANCE("PreparingRebalance"),
  COMPLETING_REBALANCE("CompletingRebalance"),
  STABLE("Stable"),
  DEAD("Dead");

  private final String wireName;

  GroupState(String wireName) {
    this.wireName = wireName;
  }

  /** The name Kafka uses on the wire (DescribeGroups, ListGroups). */
  public String wireName() {
    return wireName;
  }

  /** The states this state may be entered from. */
  Set<GroupState> validPrevious() {
    return switch (this) {
      case EMPTY -> EnumSet.of(PREPARING_REBALANCE);
      case PREPARING_REBALANCE -> EnumSet.of(STABLE, COMPLETING_REBALANCE, EMPTY);
      case COMPLETING_REBALANCE -> EnumSet.of(PREPARING_REBALANCE);
      case STABLE -> EnumSet.of(COMPLETING_REBALANCE);
      case DEAD -> EnumSet.of(STABLE, PREPARING_REBALANCE, COMPLETING_REBALANCE, EMPTY, DEAD);
    };
  }

  /** Parses a wire name case-insensitively, as ListGroups' states filter does. */
  static GroupState fromWireName(String name) {
    String wanted = name.toLowerCase(Locale.ROOT);
    for (GroupState state : values()) {
      if (state.wireName.toLowerCase(Locale.ROOT).equals(wanted)) {
        return state;
      }
    }
    return null;
  }
}
