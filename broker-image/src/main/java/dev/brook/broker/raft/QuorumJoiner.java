package dev.brook.broker.raft;

import dev.brook.broker.rpc.RatisControllerClient;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.AddRaftVoterRequestData;
import org.apache.kafka.common.message.UpdateRaftVoterRequestData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.ratis.protocol.RaftPeer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes this incarnation of a voter a member of the voter set, asking the active controller every
 * {@code retryMs} until its own replica of the configuration names it, one request at a time:
 *
 * <ul>
 *   <li>a voter back at another address, whose earlier incarnation the voter set still names, asks
 *       to replace it (UpdateRaftVoter, as a KRaft voter whose endpoints changed does);
 *   <li>with KIP-853's auto-join, a node listed in {@code controller.quorum.voters} that the voter
 *       set lacks asks to be added (AddRaftVoter; a voter whose storage was lost is still a voter:
 *       the answer is DUPLICATE_VOTER and the leader catches it up).
 * </ul>
 */
public final class QuorumJoiner implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(QuorumJoiner.class);

  private final RatisMetadataJournal journal;
  private final RatisControllerClient controller;
  private final String clusterId;
  private final QuorumVoters.Voter self;
  private final String controllerListenerName;
  private final boolean autoJoin;
  private final AtomicBoolean asking = new AtomicBoolean();
  private final AtomicBoolean joined = new AtomicBoolean();
  private volatile ScheduledFuture<?> task;

  public QuorumJoiner(
      RatisMetadataJournal journal,
      RatisControllerClient controller,
      String clusterId,
      QuorumVoters.Voter self,
      String controllerListenerName,
      boolean autoJoin,
      ScheduledExecutorService scheduler,
      long retryMs) {
    this.journal = journal;
    this.controller = controller;
    this.clusterId = clusterId;
    this.self = self;
    this.controllerListenerName = controllerListenerName;
    this.autoJoin = autoJoin;
    this.task = scheduler.scheduleWithFixedDelay(this::check, 0, retryMs, TimeUnit.MILLISECONDS);
  }

  private void check() {
    if (journal.isInVoterSet()) {
      if (joined.compareAndSet(false, true)) {
        log.info("node {} is a voter of the metadata quorum", self.id());
      }
      // The first check may run before the constructor has stored the task; a later one cancels.
      ScheduledFuture<?> scheduled = task;
      if (scheduled != null) {
        scheduled.cancel(false);
      }
      return;
    }
    Optional<RaftPeer> earlier = journal.earlierIncarnation();
    if ((earlier.isEmpty() && !autoJoin) || !asking.compareAndSet(false, true)) {
      return;
    }
    CompletableFuture<Errors> outcome =
        earlier.isPresent()
            ? controller
                .updateVoter(updateRequest())
                .thenApply(response -> Errors.forCode(response.errorCode()))
            : controller
                .addVoter(addRequest())
                .thenApply(response -> Errors.forCode(response.errorCode()));
    String what = earlier.map(peer -> "replace " + peer.getId()).orElse("join");
    outcome.whenComplete(
        (error, failure) -> {
          asking.set(false);
          Errors result = failure != null ? Errors.forException(failure) : error;
          if (result == Errors.NONE) {
            log.info("the active controller accepted node {}'s request to {}", self.id(), what);
          } else if (result != Errors.DUPLICATE_VOTER) {
            log.info("node {} is not a voter yet ({}): {}", self.id(), what, result);
          }
        });
  }

  private AddRaftVoterRequestData addRequest() {
    AddRaftVoterRequestData add =
        new AddRaftVoterRequestData()
            .setClusterId(clusterId)
            .setTimeoutMs(30_000)
            .setVoterId(self.id())
            .setVoterDirectoryId(directoryId())
            .setAckWhenCommitted(true);
    add.listeners()
        .add(
            new AddRaftVoterRequestData.Listener()
                .setName(controllerListenerName)
                .setHost(self.host())
                .setPort(self.port()));
    return add;
  }

  private UpdateRaftVoterRequestData updateRequest() {
    UpdateRaftVoterRequestData update =
        new UpdateRaftVoterRequestData()
            .setClusterId(clusterId)
            .setCurrentLeaderEpoch(-1)
            .setVoterId(self.id())
            .setVoterDirectoryId(directoryId());
    update
        .listeners()
        .add(
            new UpdateRaftVoterRequestData.Listener()
                .setName(controllerListenerName)
                .setHost(self.host())
                .setPort(self.port()));
    return update;
  }

  private Uuid directoryId() {
    return RatisGroups.directoryId(journal.localPeer().getId());
  }

  @Override
  public void close() {
    ScheduledFuture<?> scheduled = task;
    if (scheduled != null) {
      scheduled.cancel(false);
    }
  }
}
