package dev.brook.broker.raft;

import dev.brook.broker.metadata.image.MetadataImage;
import dev.brook.broker.metadata.record.MetadataRecord;
import dev.brook.broker.rpc.ControllerRpc;
import dev.brook.broker.rpc.ControllerRpc.CommittedEntry;
import dev.brook.broker.rpc.ControllerRpc.ImageRecords;
import dev.brook.broker.rpc.ControllerRpc.MetadataFetched;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.errors.NotControllerException;
import org.apache.kafka.common.utils.KafkaThread;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The metadata journal of a broker-only node ({@code process.roles=broker}, not a voter): it
 * follows the committed metadata log by asking the active controller for the entries after the last
 * one it applied ({@link ControllerRpc.FetchMetadata}), every {@code pollIntervalMs} while caught
 * up and at once while behind. Offsets are the voters' Raft log indexes, so {@code lastOffset}
 * means the same on every node. When the controller no longer holds those entries (see {@link
 * MetadataLogTail}), it answers with its whole image, which replaces this node's state: topics the
 * image lacks are removed, everything else is applied again on top.
 *
 * <p>Not durable: a restarting broker-only node fetches the metadata again before it serves ({@link
 * #awaitReplay}); its partition logs are kept like any broker's.
 *
 * <p>Only the active controller appends, so {@link #append} fails with {@link
 * NotControllerException}.
 *
 * <p>Thread-safety: answers are applied in order on one thread; the next fetch is sent only once
 * the previous answer was applied, so the {@link CommitHandler} sees each entry once, in log order.
 */
public final class ObserverMetadataJournal implements QuorumJournal {

  private static final Logger log = LoggerFactory.getLogger(ObserverMetadataJournal.class);

  /** Where the committed metadata comes from: the active controller, in production. */
  @FunctionalInterface
  public interface MetadataFetcher {
    CompletableFuture<MetadataFetched> fetch(long afterOffset);
  }

  private final int localId;
  private final MetadataFetcher fetcher;
  private final long pollIntervalMs;
  private final ScheduledExecutorService thread =
      Executors.newSingleThreadScheduledExecutor(
          r -> KafkaThread.daemon("brook-metadata-observer", r));
  private final CompletableFuture<Void> caughtUp = new CompletableFuture<>();
  private CommitHandler handler;
  private MetadataImage image = MetadataImage.EMPTY;
  private volatile long lastOffset = -1;
  private volatile int controllerId = -1;
  private volatile boolean failing;

  public ObserverMetadataJournal(int localId, MetadataFetcher fetcher, long pollIntervalMs) {
    this.localId = localId;
    this.fetcher = fetcher;
    this.pollIntervalMs = pollIntervalMs;
  }

  @Override
  public void start(CommitHandler handler) {
    this.handler = handler;
    schedulePoll(0);
    log.info("node {} follows the metadata log as a broker-only node", localId);
  }

  private void schedulePoll(long delayMs) {
    try {
      thread.schedule(this::poll, delayMs, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      log.debug("metadata observer stopped");
    }
  }

  private void poll() {
    CompletableFuture<MetadataFetched> reply;
    try {
      reply = fetcher.fetch(lastOffset);
    } catch (RuntimeException e) {
      reply = CompletableFuture.failedFuture(e);
    }
    reply.whenComplete(
        (fetched, error) -> {
          try {
            thread.execute(() -> onReply(fetched, error));
          } catch (RejectedExecutionException e) {
            log.debug("metadata observer stopped");
          }
        });
  }

  private void onReply(MetadataFetched fetched, Throwable error) {
    if (error != null) {
      if (!failing) {
        log.warn("cannot fetch metadata from the controller; retrying: {}", error.toString());
      }
      failing = true;
      schedulePoll(pollIntervalMs);
      return;
    }
    failing = false;
    boolean behind;
    try {
      behind = apply(fetched);
    } catch (RuntimeException e) {
      // A handler failure must not stop this node from following the log.
      log.error("applying fetched metadata after offset {} failed", lastOffset, e);
      behind = false;
    }
    schedulePoll(behind ? 0 : pollIntervalMs);
  }

  /**
   * Applies one answer: the image first when present, then each entry after {@code lastOffset}.
   * Returns whether the controller has more after what was applied. Runs on the observer thread.
   */
  boolean apply(MetadataFetched fetched) {
    controllerId = fetched.controllerId();
    if (fetched.image().isPresent()) {
      replaceWith(fetched.image().get());
    }
    for (CommittedEntry entry : fetched.entries()) {
      if (entry.lastOffset() <= lastOffset) {
        continue;
      }
      MetadataImage next = image;
      for (MetadataRecord record : entry.records()) {
        next = next.apply(entry.lastOffset(), record);
      }
      image = next;
      lastOffset = entry.lastOffset();
      handler.onCommit(entry.lastOffset(), entry.records());
    }
    boolean behind = lastOffset < fetched.lastOffset();
    if (!behind && caughtUp.complete(null)) {
      log.info("caught up with the metadata log at offset {}", lastOffset);
    }
    return behind;
  }

  private void replaceWith(ImageRecords whole) {
    MetadataImage loaded = MetadataSnapshotFile.imageOf(whole.offset(), whole.records());
    List<MetadataRecord> delivered = MetadataSnapshotFile.replacing(image, loaded, whole.records());
    image = loaded;
    lastOffset = whole.offset();
    if (!delivered.isEmpty()) {
      handler.onCommit(whole.offset(), delivered);
    }
    log.info(
        "replaced the metadata with the controller's image at offset {}: {} records",
        whole.offset(),
        whole.records().size());
  }

  /** The offset of the last entry applied; -1 before the first. */
  public long lastOffset() {
    return lastOffset;
  }

  /** Waits until this node has applied everything the controller had when it answered. */
  @Override
  public boolean awaitReplay(Duration timeout) throws InterruptedException {
    try {
      caughtUp.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (ExecutionException e) {
      throw new IllegalStateException("metadata catch-up failed", e.getCause());
    }
  }

  /** The active controller that answered last. */
  @Override
  public OptionalInt leaderId() {
    int id = controllerId;
    return id < 0 ? OptionalInt.empty() : OptionalInt.of(id);
  }

  /** A broker-only node is never the controller. */
  @Override
  public boolean isActive() {
    return false;
  }

  @Override
  public CompletableFuture<Long> append(List<MetadataRecord> records) {
    return CompletableFuture.failedFuture(
        new NotControllerException(
            "node " + localId + " is a broker-only node: only the active controller appends"));
  }

  @Override
  public void close() {
    thread.shutdownNow();
  }
}
