package dev.brook.broker.rpc;

import dev.brook.broker.raft.QuorumMembership;
import dev.brook.broker.raft.RatisGroups;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.apache.kafka.common.message.DescribeQuorumRequestData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.ratis.protocol.RaftPeer;

/**
 * Keeps a node's controller client pointed at the current voters: every {@code intervalMs} it asks
 * the active controller to describe the quorum and hands the voters to {@link
 * RatisControllerClient#usePeers}. Voters come back at other addresses as other Raft peers (a
 * {@code listeners.controllerPort} change rolls them one by one); a client still knowing only the
 * addresses it started with would find no controller once the last of them has moved.
 */
public final class ControllerPeersRefresher implements AutoCloseable {

  private final RatisControllerClient client;
  private final Consumer<List<RaftPeer>> moved;
  private final AtomicBoolean asking = new AtomicBoolean();
  private volatile Set<String> reported = Set.of();
  private final ScheduledFuture<?> task;

  /** {@code moved} hears of the first voter set described and of every change to it. */
  public ControllerPeersRefresher(
      RatisControllerClient client,
      ScheduledExecutorService scheduler,
      long intervalMs,
      Consumer<List<RaftPeer>> moved) {
    this.client = client;
    this.moved = moved;
    this.task =
        scheduler.scheduleWithFixedDelay(
            this::refresh, intervalMs, intervalMs, TimeUnit.MILLISECONDS);
  }

  private void refresh() {
    if (!asking.compareAndSet(false, true)) {
      return;
    }
    DescribeQuorumRequestData request = new DescribeQuorumRequestData();
    request
        .topics()
        .add(
            new DescribeQuorumRequestData.TopicData()
                .setTopicName(QuorumMembership.METADATA_TOPIC)
                .setPartitions(
                    List.of(new DescribeQuorumRequestData.PartitionData().setPartitionIndex(0))));
    client
        .describe(request)
        .whenComplete(
            (described, error) -> {
              asking.set(false);
              if (error == null && described.errorCode() == Errors.NONE.code()) {
                List<RaftPeer> voters = RatisGroups.voters(described);
                client.usePeers(voters);
                Set<String> names = RatisControllerClient.names(voters);
                if (!voters.isEmpty() && !names.equals(reported)) {
                  reported = names;
                  moved.accept(voters);
                }
              }
            });
  }

  @Override
  public void close() {
    task.cancel(false);
  }
}
