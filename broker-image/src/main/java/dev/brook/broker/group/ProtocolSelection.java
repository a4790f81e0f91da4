package dev.brook.broker.group;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Chooses a classic group's protocol (for consumers: the partition assignor) by member votes. */
final class ProtocolSelection {
  private ProtocolSelection() {}

  /** The protocol names every member supports, in the first member's order. */
  static Set<String> candidates(Collection<ClassicMember> members) {
    Set<String> candidates = null;
    for (ClassicMember member : members) {
      Set<String> names = new LinkedHashSet<>();
      member.protocols().forEach(p -> names.add(p.name()));
      if (candidates == null) {
        candidates = names;
      } else {
        candidates.retainAll(names);
      }
    }
    return candidates == null ? Set.of() : candidates;
  }

  static boolean anySupportedByAll(
      Collection<ClassicMember> members, List<MemberProtocol> protocols) {
    Set<String> candidates = candidates(members);
    return protocols.stream().anyMatch(p -> candidates.contains(p.name()));
  }

  /**
   * Each member votes for the first protocol, in its own preference order, that every member
   * supports; the most votes win and ties go to the leader's preference order.
   *
   * @throws IllegalStateException when no protocol is supported by all members
   */
  static String select(Collection<ClassicMember> members, ClassicMember leader) {
    Set<String> candidates = candidates(members);
    if (candidates.isEmpty()) {
      throw new IllegalStateException("No protocol is supported by all members");
    }
    Map<String, Integer> votes = new LinkedHashMap<>();
    if (leader != null) {
      leader.protocols().stream()
          .map(MemberProtocol::name)
          .filter(candidates::contains)
          .forEach(name -> votes.put(name, 0));
    }
    for (ClassicMember member : members) {
      member.protocols().stream()
          .map(MemberProtocol::name)
          .filter(candidates::contains)
          .findFirst()
          .ifPresent(vote -> votes.merge(vote, 1, Integer::sum));
    }
    String best = null;
    int bestVotes = -1;
    for (Map.Entry<String, Integer> entry : votes.entrySet()) {
      if (entry.getValue() > bestVotes) {
        best = entry.getKey();
        bestVotes = entry.getValue();
      }
    }
    return best;
  }
}
