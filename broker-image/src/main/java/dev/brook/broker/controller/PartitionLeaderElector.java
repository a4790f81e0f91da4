package dev.brook.broker.controller;

import dev.brook.broker.metadata.image.BrokerRegistration;
import dev.brook.broker.metadata.image.MetadataImage;
import dev.brook.broker.metadata.image.PartitionRegistration;
import dev.brook.broker.metadata.image.TopicImage;
import dev.brook.broker.metadata.record.MetadataRecord;
import dev.brook.broker.metadata.record.MetadataRecord.SetBrokerFenced;
import dev.brook.broker.metadata.record.MetadataRecord.SetPartition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Decides the partition changes when a broker leaves (fenced for missed heartbeats, or in a
 * controlled shutdown) or returns, following KRaft's rules:
 *
 * <ul>
 *   <li>The leaving broker drops out of every ISR it is in, except when it is the last member (the
 *       last ISR member is kept, so that a clean election stays possible when it returns).
 *   <li>A partition it led gets the first live replica, in replica order, that is in the new ISR;
 *       with none, any live replica if the topic allows unclean election (the ISR becomes just that
 *       replica), else no leader (-1).
 *   <li>A returning broker becomes leader of leaderless partitions whose ISR holds it.
 * </ul>
 *
 * Any change bumps {@code partitionEpoch}; a change of leader also bumps {@code leaderEpoch}.
 */
public final class PartitionLeaderElector {

  private final Predicate<Map<String, String>> uncleanElectionEnabled;

  /** {@code uncleanElectionEnabled} answers for a topic's config overrides. */
  public PartitionLeaderElector(Predicate<Map<String, String>> uncleanElectionEnabled) {
    this.uncleanElectionEnabled = uncleanElectionEnabled;
  }

  /** The fencing record and the leadership/ISR changes moving everything off {@code brokerId}. */
  public List<MetadataRecord> fence(MetadataImage image, int brokerId) {
    List<MetadataRecord> records = new ArrayList<>();
    records.add(new SetBrokerFenced(brokerId, true));
    Predicate<Integer> live = id -> id != brokerId && isLive(image, id);
    for (TopicImage topic : image.topicsByName().values()) {
      boolean unclean = uncleanElectionEnabled.test(topic.configs());
      topic
          .partitions()
          .forEach(
              (index, partition) ->
                  withoutBroker(partition, brokerId, live, unclean)
                      .ifPresent(next -> records.add(new SetPartition(topic.id(), index, next))));
    }
    return records;
  }

  /** The unfencing record and the leaderless partitions {@code brokerId} can now lead. */
  public List<MetadataRecord> unfence(MetadataImage image, int brokerId) {
    List<MetadataRecord> records = new ArrayList<>();
    records.add(new SetBrokerFenced(brokerId, false));
    records.addAll(electLeaderless(image, brokerId));
    return records;
  }

  /**
   * Leadership of the leaderless partitions whose ISR holds {@code brokerId}, which is (again)
   * live: it was the last ISR member when it left, so it holds every committed record.
   */
  public List<MetadataRecord> electLeaderless(MetadataImage image, int brokerId) {
    List<MetadataRecord> records = new ArrayList<>();
    for (TopicImage topic : image.topicsByName().values()) {
      topic
          .partitions()
          .forEach(
              (index, p) -> {
                if (!p.hasLeader() && p.isr().contains(brokerId)) {
                  records.add(new SetPartition(topic.id(), index, p.withLeader(brokerId, p.isr())));
                }
              });
    }
    return records;
  }

  static boolean isLive(MetadataImage image, int brokerId) {
    BrokerRegistration broker = image.brokers().get(brokerId);
    return broker != null && !broker.fenced();
  }

  private static Optional<PartitionRegistration> withoutBroker(
      PartitionRegistration p, int brokerId, Predicate<Integer> live, boolean unclean) {
    boolean inIsr = p.isr().contains(brokerId);
    if (!inIsr && p.leader() != brokerId) {
      return Optional.empty();
    }
    List<Integer> isr = new ArrayList<>(p.isr());
    if (isr.size() > 1) {
      isr.remove(Integer.valueOf(brokerId));
    }
    if (p.leader() != brokerId) {
      return Optional.of(p.withIsr(isr));
    }
    int leader = PartitionRegistration.NO_LEADER;
    for (int replica : p.replicas()) {
      if (isr.contains(replica) && live.test(replica)) {
        leader = replica;
        break;
      }
    }
    if (leader == PartitionRegistration.NO_LEADER && unclean) {
      for (int replica : p.replicas()) {
        if (live.test(replica)) {
          leader = replica;
          isr = List.of(replica);
          break;
        }
      }
    }
    return Optional.of(p.withLeader(leader, isr));
  }
}
