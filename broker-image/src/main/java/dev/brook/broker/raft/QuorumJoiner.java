package dev.brook.broker.raft;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.common.message.AddRaftVoterRequestData;
import org.apache.kafka.common.protocol.Errors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * KIP-853's auto-join: a node listed in {@code controller.quorum.voters} that its quorum's voter
 * set lacks asks the active controller to add it, and asks again every {@code retryMs} until its
 * own replica of the configuration names it (a voter whose storage was lost is still a voter: the
 * answer is DUPLICATE_VOTER and the leader catches it up). One request at a time.
 */
public final class QuorumJoiner implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(QuorumJoiner.class);

  private final RatisMetadataJournal journal;
  private final QuorumAdmin controller;
  private final AddRaftVoterRequestData request;
  private final AtomicBoolean asking = new AtomicBoolean();
  private final AtomicBoolean joined = new AtomicBoolean();
  private volatile ScheduledFuture<?> task;

  public QuorumJoiner(
      RatisMetadataJournal journal,
      QuorumAdmin controller,
      String clusterId,
      QuorumVoters.Voter self,
      String controllerListenerName,
      ScheduledExecutorService scheduler,
      long retryMs) {
    this.journal = journal;
    this.controller = controller;
    AddRaftVoterRequestData add =
        new AddRaftVoterRequestData()
            .setClusterId(clusterId)
            .setTimeoutMs(30_000)
            .setVoterId(self.id())
            .setVoterDirectoryId(org.apache.kafka.common.Uuid.ZERO_UUID)
            .setAckWhenCommitted(true);
    add.listeners()
        .add(
            new AddRaftVoterRequestData.Listener()
                .setName(controllerListenerName)
                .setHost(self.host())
                .setPort(self.port()));
    this.request = add;
    this.task = scheduler.scheduleWithFixedDelay(this::check, 0, retryMs, TimeUnit.MILLISECONDS);
  }

  private void check() {
    if (isVoter()) {
      if (joined.compareAndSet(false, true)) {
        log.info("node {} is a voter of the metadata quorum", request.voterId());
      }
      // The first check may run before the constructor has stored the task; a later one cancels.
      ScheduledFuture<?> scheduled = task;
      if (scheduled != null) {
        scheduled.cancel(false);
      }
      return;
    }
    if (!asking.compareAndSet(false, true)) {
      return;
    }
    controller
        .addVoter(request.duplicate())
        .whenComplete(
            (response, error) -> {
              asking.set(false);
              Errors outcome =
                  error != null ? Errors.forException(error) : Errors.forCode(response.errorCode());
              if (outcome == Errors.NONE) {
                log.info("the active controller added node {} to the quorum", request.voterId());
              } else if (outcome != Errors.DUPLICATE_VOTER) {
                log.info(
                    "node {} is not a voter yet: {} {}",
                    request.voterId(),
                    outcome,
                    response == null ? String.valueOf(error) : response.errorMessage());
              }
            });
  }

  private boolean isVoter() {
    return journal.isInVoterSet();
  }

  @Override
  public void close() {
    ScheduledFuture<?> scheduled = task;
    if (scheduled != null) {
      scheduled.cancel(false);
    }
  }
}
