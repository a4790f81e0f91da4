package dev.brook.broker.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.brook.broker.metadata.MetadataApplier;
import dev.brook.broker.metadata.MetadataCache;
import dev.brook.broker.metadata.image.MetadataImage;
import dev.brook.broker.metadata.record.MetadataRecord;
import dev.brook.broker.metadata.record.MetadataRecord.CreateTopic;
import dev.brook.broker.metadata.record.MetadataRecord.RegisterBroker;
import dev.brook.broker.metadata.record.MetadataRecord.RemoveTopic;
import dev.brook.broker.rpc.ControllerRpc.CommittedEntry;
import dev.brook.broker.rpc.ControllerRpc.ImageRecords;
import dev.brook.broker.rpc.ControllerRpc.MetadataFetched;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.NotControllerException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ObserverMetadataJournalTest {

  private static final Uuid ORDERS = Uuid.fromString("AAAAAAAAAAAAAAAAAAAAAQ");
  private static final Uuid PAYMENTS = Uuid.fromString("AAAAAAAAAAAAAAAAAAAAAg");
  private static final long POLL_MS = 20;

  private final MetadataCache cache = new MetadataCache();
  private final List<Long> committedOffsets = new ArrayList<>();
  private final List<MetadataRecord> committed = new ArrayList<>();
  private ObserverMetadataJournal journal;
  private MetadataImage controllerImage = MetadataImage.EMPTY;

  @AfterEach
  void close() {
    if (journal != null) {
      journal.close();
    }
  }

  private void startWith(ObserverMetadataJournal.MetadataFetcher fetcher) {
    journal = new ObserverMetadataJournal(4, fetcher, POLL_MS);
    MetadataApplier applier = new MetadataApplier(cache);
    journal.start(
        (lastOffset, records) -> {
          committedOffsets.add(lastOffset);
          committed.addAll(records);
          applier.onCommit(lastOffset, records);
        });
  }

  /** A journal whose polls never get an answer, so a test drives {@code apply} itself. */
  private void startIdle() {
    startWith(afterOffset -> new CompletableFuture<>());
  }

  /** Commits {@code record} at {@code offset} on the controller side. */
  private void appendTo(MetadataLogTail tail, long offset, MetadataRecord record) {
    controllerImage = controllerImage.apply(offset, record);
    tail.append(offset, List.of(record), controllerImage);
  }

  private static RegisterBroker broker(int id) {
    return new RegisterBroker(id, 100 + id, Optional.empty(), List.of());
  }

  @Test
  void shouldCatchUpAndFollowNewCommitsWhenPollingTheController() throws Exception {
    MetadataLogTail controller = new MetadataLogTail(100);
    appendTo(controller, 3, broker(1));
    appendTo(controller, 5, new CreateTopic("orders", ORDERS, Map.of()));
    startWith(afterOffset -> CompletableFuture.completedFuture(controller.fetch(afterOffset, 1)));

    assertThat(journal.awaitReplay(Duration.ofSeconds(5))).isTrue();
    assertThat(cache.image().topic("orders")).isPresent();
    assertThat(journal.lastOffset()).isEqualTo(5);
    assertThat(journal.leaderId()).hasValue(1);

    appendTo(controller, 9, broker(2));
    await().atMost(Duration.ofSeconds(5)).until(() -> cache.image().brokers().containsKey(2));
    assertThat(journal.lastOffset()).isEqualTo(9);
  }

  @Test
  void shouldFetchAgainAtOnceWhileBehind() throws Exception {
    MetadataLogTail controller = new MetadataLogTail(5_000);
    int entries = MetadataLogTail.MAX_ENTRIES_PER_FETCH * 2 + 1;
    for (int id = 1; id <= entries; id++) {
      appendTo(controller, id, broker(id));
    }
    startWith(afterOffset -> CompletableFuture.completedFuture(controller.fetch(afterOffset, 1)));

    assertThat(journal.awaitReplay(Duration.ofSeconds(5))).isTrue();
    assertThat(journal.lastOffset()).isEqualTo(entries);
    assertThat(cache.image().brokers()).hasSize(entries);
  }

  @Test
  void shouldReplaceItsStateWhenTheControllerAnswersWithAnImage() {
    startIdle();
    journal.apply(
        new MetadataFetched(
            Errors.NONE,
            1,
            4,
            Optional.empty(),
            List.of(
                new CommittedEntry(3, List.of(broker(1))),
                new CommittedEntry(4, List.of(new CreateTopic("orders", ORDERS, Map.of()))))));
    committed.clear();

    // "orders" was deleted in entries this node never saw; "payments" created meanwhile.
    List<MetadataRecord> image =
        List.of(broker(1), broker(2), new CreateTopic("payments", PAYMENTS, Map.of()));
    boolean behind =
        journal.apply(
            new MetadataFetched(
                Errors.NONE, 2, 70, Optional.of(new ImageRecords(70, image)), List.of()));

    assertThat(behind).isFalse();
    assertThat(committed.get(0)).isEqualTo(new RemoveTopic(ORDERS));
    assertThat(committed.subList(1, committed.size())).isEqualTo(image);
    assertThat(cache.image().topicsByName().keySet()).containsExactly("payments");
    assertThat(cache.image().brokers().keySet()).containsExactly(1, 2);
    assertThat(journal.lastOffset()).isEqualTo(70);
    assertThat(journal.leaderId()).hasValue(2);
  }

  @Test
  void shouldApplyEntriesAfterAnImageInTheSameAnswer() {
    startIdle();
    journal.apply(
        new MetadataFetched(
            Errors.NONE,
            1,
            80,
            Optional.of(new ImageRecords(70, List.of(broker(1)))),
            List.of(new CommittedEntry(80, List.of(broker(2))))));

    assertThat(committedOffsets).containsExactly(70L, 80L);
    assertThat(cache.image().brokers().keySet()).containsExactly(1, 2);
  }

  @Test
  void shouldSkipEntriesItHasAlreadyApplied() {
    startIdle();
    MetadataFetched first =
        new MetadataFetched(
            Errors.NONE,
            1,
            3,
            Optional.empty(),
            List.of(new CommittedEntry(3, List.of(broker(1)))));
    journal.apply(first);
    journal.apply(
        new MetadataFetched(
            Errors.NONE,
            1,
            6,
            Optional.empty(),
            List.of(
                new CommittedEntry(3, List.of(broker(1))),
                new CommittedEntry(6, List.of(broker(2))))));

    assertThat(committedOffsets).containsExactly(3L, 6L);
  }

  @Test
  void shouldSayItIsBehindUntilItReachedTheControllersLastOffset() throws Exception {
    startIdle();
    boolean behind =
        journal.apply(
            new MetadataFetched(
                Errors.NONE,
                1,
                9,
                Optional.empty(),
                List.of(new CommittedEntry(3, List.of(broker(1))))));

    assertThat(behind).isTrue();
    assertThat(journal.awaitReplay(Duration.ofMillis(50))).isFalse();
  }

  @Test
  void shouldKeepPollingWhenTheControllerIsUnreachable() throws Exception {
    MetadataLogTail controller = new MetadataLogTail(100);
    appendTo(controller, 3, broker(1));
    AtomicInteger attempts = new AtomicInteger();
    startWith(
        afterOffset ->
            attempts.incrementAndGet() <= 2
                ? CompletableFuture.failedFuture(new TimeoutException("no controller"))
                : CompletableFuture.completedFuture(controller.fetch(afterOffset, 1)));

    assertThat(journal.awaitReplay(Duration.ofSeconds(5))).isTrue();
    assertThat(attempts.get()).isGreaterThanOrEqualTo(3);
    assertThat(cache.image().brokers()).containsKey(1);
  }

  @Test
  void shouldRefuseToAppendWhenItIsBrokerOnly() {
    startIdle();
    assertThat(journal.isActive()).isFalse();
    assertThat(journal.append(List.of(broker(9))))
        .failsWithin(Duration.ofSeconds(1))
        .withThrowableOfType(ExecutionException.class)
        .withCauseInstanceOf(NotControllerException.class)
        .withMessageContaining("broker-only");
  }
}
