package dev.brook.broker.group;

import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.internals.ConsumerProtocol;

/**
 * Reads which topics a consumer group's members subscribe to from their (otherwise opaque) protocol
 * metadata, to protect those topics' offsets from OffsetDelete and expiry.
 */
final class GroupSubscriptions {
  private GroupSubscriptions() {}

  /**
   * The topics the members subscribe to, when the group uses the consumer protocol and every
   * subscription decodes; empty otherwise (then the caller must assume any topic is subscribed).
   */
  static Optional<Set<String>> topics(ClassicGroup group) {
    if (!ClassicGroup.CONSUMER_PROTOCOL_TYPE.equals(group.protocolType())
        || group.protocolName() == null) {
      return group.size() == 0 ? Optional.of(Set.of()) : Optional.empty();
    }
    Set<String> topics = new HashSet<>();
    for (ClassicMember member : group.members()) {
      byte[] metadata = member.metadata(group.protocolName());
      if (metadata == null) {
        return Optional.empty();
      }
      try {
        topics.addAll(ConsumerProtocol.deserializeSubscription(ByteBuffer.wrap(metadata)).topics());
      } catch (RuntimeException malformed) {
        return Optional.empty();
      }
    }
    return Optional.of(topics);
  }

  /** An Empty group subscribes to nothing; an undecodable group is assumed to subscribe to all. */
  static boolean isSubscribed(ClassicGroup group, String topic) {
    if (group.isInState(GroupState.EMPTY)) {
      return false;
    }
    return topics(group).map(topics -> topics.contains(topic)).orElse(true);
  }
}
