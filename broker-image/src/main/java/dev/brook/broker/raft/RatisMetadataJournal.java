package dev.brook.broker.raft;

import dev.brook.broker.metadata.record.JournalEntry;
import dev.brook.broker.metadata.record.MetadataRecord;
import dev.brook.broker.rpc.ControllerRpcHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.NotControllerException;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.protocol.TransferLeadershipRequest;
import org.apache.ratis.server.DivisionInfo;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The metadata journal of a multi-node cluster: a Ratis server per voter, replicating one Raft log
 * whose entries each hold one controller operation's records. Only the leader appends; it becomes
 * the active controller once Ratis reports it ready: its first entry of the term is applied
 * locally, so its image holds everything committed before (Raft commits a leader's first entry only
 * after all earlier ones).
 */
public final class RatisMetadataJournal implements QuorumJournal {

  private static final Logger log = LoggerFactory.getLogger(RatisMetadataJournal.class);
  private static final long HANDOVER_TIMEOUT_MS = 1_000;

  /**
   * Entries kept for broker-only nodes: more than a snapshot interval, so a node lagging by less
   * than that gets entries rather than the whole image.
   */
  private static final int TAIL_ENTRIES = 20_000;

  private final QuorumVoters voters;
  private final int localId;
  private final Path storageDir;
  private final RatisSettings settings;
  private final String bindHost;
  private final RaftGroup group;
  private final RaftGroup emptyGroup;
  private final Path stateFile;
  private final QuorumStateFile.State initialState;
  private final RaftPeer localPeer;
  private volatile boolean wasVoter;
  private volatile boolean removalLogged;
  private final boolean joinExisting;
  private final ClientId localClientId = ClientId.randomId();
  private final AtomicLong callIds = new AtomicLong();
  private final MetadataLogTail tail = new MetadataLogTail(TAIL_ENTRIES);
  private volatile RaftServer server;
  private volatile boolean closing;
  private volatile MetadataStateMachine stateMachine;
  private volatile long activeTerm = -1;
  private volatile int leaderId = -1;

  public RatisMetadataJournal(
      QuorumVoters voters, int localId, Path storageDir, RatisSettings settings) {
    this(
        QuorumIdentity.of(java.util.Optional.empty(), voters),
        voters,
        localId,
        voters.voter(localId).map(QuorumVoters.Voter::host).orElse(""),
        storageDir,
        settings,
        false);
  }

  /**
   * @param bindHost the address the Raft server listens on: the controller listener's host, which
   *     may differ from the name the other voters use for this node (e.g. a pod IP behind a DNS
   *     name)
   * @param joinExisting whether a first start (no Raft storage for this group yet) joins an
   *     existing quorum, as a server outside the voter set until the leader adds it, instead of
   *     forming a new quorum of {@code voters}. Forming twice would split the cluster in two.
   */
  public RatisMetadataJournal(
      QuorumIdentity identity,
      QuorumVoters voters,
      int localId,
      String bindHost,
      Path storageDir,
      RatisSettings settings,
      boolean joinExisting) {
    if (voters.voter(localId).isEmpty()) {
      throw new IllegalArgumentException(
          "node " + localId + " is not among the voters " + voters.voters());
    }
    this.voters = voters;
    this.localId = localId;
    this.bindHost = bindHost;
    this.storageDir = storageDir;
    this.settings = settings;
    this.group = RatisGroups.group(identity, voters);
    this.emptyGroup = RatisGroups.emptyGroup(identity);
    this.joinExisting = joinExisting;
    this.stateFile = storageDir.resolve(QuorumStateFile.NAME);
    String address = voters.voter(localId).orElseThrow().address();
    Optional<QuorumStateFile.State> previous = QuorumStateFile.read(stateFile);
    Uuid incarnation =
        previous.map(state -> state.incarnationAt(localId, address)).orElse(Uuid.ZERO_UUID);
    this.initialState =
        new QuorumStateFile.State(incarnation, address, QuorumStateFile.voters(stateFile));
    this.localPeer = RatisGroups.peer(localId, incarnation, address);
    if (previous.isPresent() && !previous.get().directoryId().equals(incarnation)) {
      log.info(
          "node {} now has its controller listener at {} instead of {}: it becomes Raft peer {},"
              + " which replaces its earlier incarnation in the voter set",
          localId,
          address,
          previous.get().address(),
          localPeer.getId());
    }
  }

  public RaftGroup group() {
    return group;
  }

  @Override
  public void start(CommitHandler handler) {
    stateMachine =
        new MetadataStateMachine(
            handler, this::onLeaderChanged, this::onLeaderReady, this::rememberVoters, tail);
    // Before the server starts: a crash from here on restarts as the same incarnation.
    QuorumStateFile.write(stateFile, initialState);
    boolean formed = Files.isDirectory(storageDir.resolve(group.getGroupId().getUuid().toString()));
    // A later incarnation is in no configured group: its stored configuration names its voters.
    boolean laterIncarnation = !group.getPeers().contains(localPeer);
    RaftGroup startGroup = (joinExisting && !formed) || laterIncarnation ? emptyGroup : group;
    if (startGroup == emptyGroup && !formed) {
      log.info(
          "node {} has no metadata storage yet: joining the existing quorum, outside the voter set"
              + " until the active controller adds it",
          localId);
    }
    try {
      server =
          RaftServer.newBuilder()
              .setServerId(localPeer.getId())
              .setGroup(startGroup)
              .setStateMachine(stateMachine)
              .setProperties(
                  settings.serverProperties(
                      bindHost, voters.voter(localId).get().port(), storageDir))
              .setOption(RaftStorage.StartupOption.RECOVER)
              .build();
      server.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the metadata quorum server", e);
    }
    rememberVoters();
    log.info("metadata quorum server {} started in group {}", localId, group.getGroupId());
  }

  /**
   * Waits until this node has applied every entry it knows to be committed, so a restarting voter
   * starts its logs from the metadata it had. Returns at once on a first start.
   */
  @Override
  public boolean awaitReplay(java.time.Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        RaftServer.Division division = server.getDivision(group.getGroupId());
        long committed = division.getRaftLog().getLastCommittedIndex();
        if (division.getInfo().getLastAppliedIndex() >= committed) {
          return true;
        }
      } catch (IOException e) {
        log.debug("metadata quorum division not ready yet", e);
      }
      Thread.sleep(20);
    }
    return false;
  }

  /** Installs the leader-side handler of controller RPCs (see {@link ControllerRpcHandler}). */
  public void setRpcHandler(Function<byte[], CompletableFuture<byte[]>> rpcHandler) {
    stateMachine.setRpcHandler(rpcHandler);
  }

  /** The recent committed entries, which broker-only nodes fetch. */
  MetadataLogTail tail() {
    return tail;
  }

  /** The node id of the current Raft leader, if one is known. */
  @Override
  public OptionalInt leaderId() {
    int id = leaderId;
    return id < 0 ? OptionalInt.empty() : OptionalInt.of(id);
  }

  @Override
  public boolean isActive() {
    // Evaluated first on every call: the liveness monitor asks every voter often, which is how a
    // node notices having been a voter before it is removed.
    boolean removed = removedFromVoters();
    DivisionInfo info = divisionInfo();
    return !removed && info != null && info.isLeader() && info.getCurrentTerm() == activeTerm;
  }

  @Override
  public CompletableFuture<Long> append(List<MetadataRecord> records) {
    DivisionInfo info = divisionInfo();
    if (info == null || !info.isLeader()) {
      return CompletableFuture.failedFuture(
          new NotControllerException("node " + localId + " is not the quorum leader"));
    }
    return submit(records);
  }

  private CompletableFuture<Long> submit(List<MetadataRecord> records) {
    RaftClientRequest request =
        RaftClientRequest.newBuilder()
            .setClientId(localClientId)
            .setServerId(server.getId())
            .setGroupId(group.getGroupId())
            .setCallId(callIds.incrementAndGet())
            .setMessage(Message.valueOf(ByteString.copyFrom(JournalEntry.encode(records))))
            .setType(RaftClientRequest.writeRequestType())
            .build();
    try {
      return server.submitClientRequestAsync(request).thenApply(RatisMetadataJournal::logIndex);
    } catch (IOException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private static long logIndex(RaftClientReply reply) {
    if (!reply.isSuccess()) {
      if (reply.getNotLeaderException() != null) {
        throw new NotControllerException("lost quorum leadership before the commit");
      }
      throw new IllegalStateException("metadata commit failed", reply.getException());
    }
    return reply.getLogIndex();
  }

  private void onLeaderChanged(RaftPeerId newLeader) {
    leaderId = newLeader == null ? -1 : RatisGroups.nodeId(newLeader);
    log.info("metadata quorum leader is now {}", leaderId);
  }

  /** Runs on the Ratis apply thread while this node leads; the term cannot change meanwhile. */
  private void onLeaderReady() {
    DivisionInfo info = divisionInfo();
    if (info == null) {
      return;
    }
    long term = info.getCurrentTerm();
    activeTerm = term;
    log.info("node {} is the active controller for term {}", localId, term);
  }

  private DivisionInfo divisionInfo() {
    RaftServer current = server;
    if (current == null) {
      return null;
    }
    try {
      return current.getDivision(group.getGroupId()).getInfo();
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * A leader stopping cleanly hands leadership to a caught-up voter first, so the quorum has a
   * controller again within milliseconds instead of after an election timeout.
   */
  private void handOverLeadership(RaftServer current) {
    DivisionInfo info = divisionInfo();
    if (info == null || !info.isLeader()) {
      return;
    }
    for (RaftPeer peer : currentVoters()) {
      int voterId = RatisGroups.nodeId(peer.getId());
      if (voterId == localId) {
        continue;
      }
      try {
        RaftClientReply reply =
            current
                .transferLeadershipAsync(
                    new TransferLeadershipRequest(
                        localClientId,
                        current.getId(),
                        group.getGroupId(),
                        callIds.incrementAndGet(),
                        peer.getId(),
                        HANDOVER_TIMEOUT_MS))
                .get(HANDOVER_TIMEOUT_MS * 2, TimeUnit.MILLISECONDS);
        if (reply.isSuccess()) {
          log.info("handed quorum leadership to node {}", voterId);
          return;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (Exception e) {
        log.info("could not hand quorum leadership to node {}: {}", voterId, e.toString());
      }
    }
  }

  @Override
  public boolean isFollowing() {
    if (server == null || closing) {
      return true;
    }
    try {
      return division().getInfo().isAlive() && !removedFromVoters();
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Whether this node was a voter and the latest configuration it knows no longer names it. Ratis
   * closes a leader that removed itself, but a removed follower stays up and receives nothing more:
   * its image would go stale while it serves. Such a node is neither active nor live (KIP-853's
   * removed voter keeps following as an observer; here the liveness probe restarts it, and a
   * restart with auto-join asks to be added again). A node that is still joining was never a voter,
   * so it is not removed.
   */
  private boolean removedFromVoters() {
    boolean voter = isInVoterSet();
    if (voter) {
      wasVoter = true;
    } else if (wasVoter && !removalLogged) {
      removalLogged = true;
      log.warn(
          "node {} was removed from the metadata quorum's voters: it no longer follows the"
              + " metadata log and reports itself not live",
          localId);
    }
    return wasVoter && !voter;
  }

  /** Whether this node is in the voter set it knows and follows the log. */
  public boolean isVotingMember() {
    return isInVoterSet() && isFollowing();
  }

  /** Whether the latest configuration this node knows names this incarnation as a voter. */
  boolean isInVoterSet() {
    return currentVoters().stream().anyMatch(peer -> peer.getId().equals(localPeer.getId()));
  }

  /**
   * The voter this node was before its address changed, while the latest configuration it knows
   * still names that incarnation instead of this one.
   */
  Optional<RaftPeer> earlierIncarnation() {
    return currentVoters().stream()
        .filter(peer -> RatisGroups.nodeId(peer.getId()) == localId)
        .filter(peer -> !peer.getId().equals(localPeer.getId()))
        .findFirst();
  }

  /** This incarnation as a Raft peer, at the address the other voters reach it at. */
  RaftPeer localPeer() {
    return localPeer;
  }

  /** Keeps {@code quorum-state}'s voters equal to the latest configuration. */
  private synchronized void rememberVoters() {
    java.util.Collection<RaftPeer> current = currentVoters();
    if (!current.isEmpty()) {
      QuorumStateFile.write(stateFile, initialState.withVoters(current));
    }
  }

  /**
   * The voters of the latest configuration this node knows (committed or not); empty while a
   * joining node has not been added yet.
   */
  public java.util.Collection<RaftPeer> currentVoters() {
    try {
      return division().getRaftConf().getCurrentPeers();
    } catch (IOException e) {
      return List.of();
    }
  }

  int localId() {
    return localId;
  }

  RaftServer server() {
    return server;
  }

  ClientId clientId() {
    return localClientId;
  }

  long nextCallId() {
    return callIds.incrementAndGet();
  }

  /** This node's replica of the metadata group. */
  RaftServer.Division division() throws IOException {
    return server.getDivision(group.getGroupId());
  }

  @Override
  public void close() {
    closing = true;
    RaftServer current = server;
    if (current != null) {
      handOverLeadership(current);
      try {
        current.close();
      } catch (IOException e) {
        log.warn("error while closing the metadata quorum server", e);
      }
    }
  }
}
