package dev.brook.broker.raft;

import dev.brook.broker.metadata.MetadataJournal.CommitHandler;
import dev.brook.broker.metadata.image.MetadataImage;
import dev.brook.broker.metadata.record.JournalEntry;
import dev.brook.broker.metadata.record.MetadataRecord;
import dev.brook.broker.rpc.ControllerRpcSerde;
import java.io.File;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.proto.RaftProtos.RaftConfigurationProto;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftGroupMemberId;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.storage.FileInfo;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.StateMachineStorage;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.apache.ratis.statemachine.impl.SimpleStateMachineStorage;
import org.apache.ratis.statemachine.impl.SingleFileSnapshotInfo;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.util.LifeCycle;
import org.apache.ratis.util.MD5FileUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Ratis state machine of the metadata quorum. Each committed entry's records go, in log order,
 * to the {@link CommitHandler} with the Raft log index as offset; the machine also keeps its own
 * image of the log so that snapshots are self-contained. Applying is deterministic: no clocks and
 * no I/O besides the handler. Read-only client messages are controller RPCs, answered by the {@code
 * rpcHandler} (which acts only on the active controller). The recent entries also go to a {@link
 * MetadataLogTail}, from which broker-only nodes follow the log.
 *
 * <p>Ratis calls {@link #applyTransaction} and {@link #takeSnapshot} from one thread, so the image
 * and the last applied index always agree when a snapshot is written.
 */
final class MetadataStateMachine extends BaseStateMachine {

  private static final Logger log = LoggerFactory.getLogger(MetadataStateMachine.class);

  private final SimpleStateMachineStorage storage = new SimpleStateMachineStorage();
  private final CommitHandler handler;
  private final Consumer<RaftPeerId> leaderChanged;
  private final Runnable leaderReady;
  private final Runnable configurationChanged;
  private final MetadataLogTail tail;
  private volatile Function<byte[], CompletableFuture<byte[]>> rpcHandler;
  private volatile MetadataImage image = MetadataImage.EMPTY;

  /**
   * {@code leaderReady} runs when this node, as leader, has applied everything committed before its
   * term (Ratis signals it when the leader's first entry of the term is applied).
   */
  MetadataStateMachine(
      CommitHandler handler,
      Consumer<RaftPeerId> leaderChanged,
      Runnable leaderReady,
      Runnable configurationChanged,
      MetadataLogTail tail) {
    this.handler = handler;
    this.leaderChanged = leaderChanged;
    this.leaderReady = leaderReady;
    this.configurationChanged = configurationChanged;
    this.tail = tail;
  }

  void setRpcHandler(Function<byte[], CompletableFuture<byte[]>> rpcHandler) {
    this.rpcHandler = rpcHandler;
  }

  @Override
  public void initialize(RaftServer server, RaftGroupId groupId, RaftStorage raftStorage)
      throws IOException {
    super.initialize(server, groupId, raftStorage);
    storage.init(raftStorage);
    getLifeCycle()
        .startAndTransition(() -> loadSnapshot(storage.getLatestSnapshot()), IOException.class);
  }

  /**
   * Ratis pauses the machine before it publishes a snapshot installed from the leader, and checks
   * that it is paused before calling {@link #reinitialize}; a machine left running makes the check
   * fail and Ratis close the server, leaving a voter that no longer follows the log.
   */
  @Override
  public void pause() {
    getLifeCycle().transition(LifeCycle.State.PAUSING);
    getLifeCycle().transition(LifeCycle.State.PAUSED);
  }

  /** A follower installed a snapshot sent by the leader: continue from it. */
  @Override
  public void reinitialize() throws IOException {
    loadSnapshot(storage.loadLatestSnapshot());
    getLifeCycle().transition(LifeCycle.State.STARTING);
    getLifeCycle().transition(LifeCycle.State.RUNNING);
  }

  private void loadSnapshot(SingleFileSnapshotInfo snapshot) throws IOException {
    if (snapshot == null || !snapshot.getFile().getPath().toFile().exists()) {
      return;
    }
    File file = snapshot.getFile().getPath().toFile();
    if (snapshot.getFile().getFileDigest() != null) {
      MD5FileUtil.verifySavedMD5(file, snapshot.getFile().getFileDigest());
    }
    TermIndex last = SimpleStateMachineStorage.getTermIndexFromSnapshotFile(file);
    List<MetadataRecord> records = MetadataSnapshotFile.read(file.toPath());
    MetadataImage loaded = MetadataSnapshotFile.imageOf(last.getIndex(), records);
    // The handler applies on top of what it has: a follower jumping to a leader's snapshot must
    // also drop the topics deleted in the log entries it skipped.
    List<MetadataRecord> delivered = MetadataSnapshotFile.replacing(image, loaded, records);
    image = loaded;
    tail.reset(last.getIndex(), loaded);
    setLastAppliedTermIndex(last);
    if (!delivered.isEmpty()) {
      handler.onCommit(last.getIndex(), delivered);
    }
    log.info("loaded metadata snapshot at {}: {} records", last, records.size());
  }

  @Override
  public CompletableFuture<Message> applyTransaction(TransactionContext trx) {
    LogEntryProto entry = trx.getLogEntry();
    List<MetadataRecord> records;
    try {
      records = JournalEntry.decode(entry.getStateMachineLogEntry().getLogData().newInput());
    } catch (IOException e) {
      // A committed entry we cannot read means this node cannot follow the log: stop applying.
      return CompletableFuture.failedFuture(
          new IllegalStateException("unreadable metadata entry at " + entry.getIndex(), e));
    }
    if (!records.isEmpty()) {
      MetadataImage next = image;
      for (MetadataRecord record : records) {
        next = next.apply(entry.getIndex(), record);
      }
      image = next;
      tail.append(entry.getIndex(), records, next);
      handler.onCommit(entry.getIndex(), records);
    }
    updateLastAppliedTermIndex(entry.getTerm(), entry.getIndex());
    return CompletableFuture.completedFuture(Message.EMPTY);
  }

  @Override
  public long takeSnapshot() throws IOException {
    TermIndex last = getLastAppliedTermIndex();
    if (last == null || last.getIndex() < 0) {
      return -1;
    }
    File file = storage.getSnapshotFile(last.getTerm(), last.getIndex());
    MetadataSnapshotFile.write(file.toPath(), image);
    FileInfo info = new FileInfo(file.toPath(), MD5FileUtil.computeAndSaveMd5ForFile(file));
    storage.updateLatestSnapshot(new SingleFileSnapshotInfo(info, last));
    log.info("took metadata snapshot at {}", last);
    return last.getIndex();
  }

  @Override
  public StateMachineStorage getStateMachineStorage() {
    return storage;
  }

  /** Controller RPCs arrive as read-only requests, which Ratis routes to the leader. */
  @Override
  public CompletableFuture<Message> query(Message request) {
    Function<byte[], CompletableFuture<byte[]>> current = rpcHandler;
    byte[] bytes = request.getContent().toByteArray();
    CompletableFuture<byte[]> reply =
        current != null ? current.apply(bytes) : ControllerRpcSerde.notControllerReply(bytes);
    return reply.thenApply(answer -> Message.valueOf(ByteString.copyFrom(answer)));
  }

  @Override
  public void notifyLeaderChanged(RaftGroupMemberId member, RaftPeerId newLeaderId) {
    leaderChanged.accept(newLeaderId);
  }

  @Override
  public void notifyLeaderReady() {
    leaderReady.run();
  }

  @Override
  public void notifyConfigurationChanged(
      long term, long index, RaftConfigurationProto newRaftConfiguration) {
    configurationChanged.run();
  }
}
