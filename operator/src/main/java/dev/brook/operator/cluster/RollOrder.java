package dev.brook.operator.cluster;

import java.util.List;
import java.util.OptionalInt;

/**
 * Which stale broker restarts next: the lowest id that is not the active controller, and the active
 * controller only when it is the last one left. Restarting the controller moves the quorum
 * leadership (an election and a pause in metadata changes); doing it once, at the end, keeps the
 * roll from moving it with every broker it restarts before.
 */
final class RollOrder {

  private RollOrder() {}

  /**
   * @param stale broker ids whose pods differ from their desired form, ascending, not empty
   * @param activeController the quorum leader's id, empty when unknown
   */
  static int next(List<Integer> stale, OptionalInt activeController) {
    return stale.stream()
        .filter(id -> activeController.isEmpty() || id != activeController.getAsInt())
        .findFirst()
        .orElse(stale.get(0));
  }
}
