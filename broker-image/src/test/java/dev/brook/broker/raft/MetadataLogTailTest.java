package dev.brook.broker.raft;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brook.broker.metadata.image.MetadataImage;
import dev.brook.broker.metadata.record.MetadataRecord;
import dev.brook.broker.metadata.record.MetadataRecord.RegisterBroker;
import dev.brook.broker.rpc.ControllerRpc.CommittedEntry;
import dev.brook.broker.rpc.ControllerRpc.MetadataFetched;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.Test;

class MetadataLogTailTest {

  private static final int CONTROLLER = 2;

  /** Appends one entry per broker id, at offsets 10, 20, 30, ... */
  private static MetadataImage appendBrokers(MetadataLogTail tail, MetadataImage image, int count) {
    MetadataImage next = image;
    for (int id = 1; id <= count; id++) {
      List<MetadataRecord> records =
          List.of(new RegisterBroker(id, 100 + id, Optional.empty(), List.of()));
      next = next.apply(id * 10L, records.get(0));
      tail.append(id * 10L, records, next);
    }
    return next;
  }

  private static List<Long> offsets(MetadataFetched fetched) {
    return fetched.entries().stream().map(CommittedEntry::lastOffset).toList();
  }

  @Test
  void shouldAnswerEntriesAfterTheOffsetWhenItHoldsThem() {
    MetadataLogTail tail = new MetadataLogTail(100);
    appendBrokers(tail, MetadataImage.EMPTY, 3);

    MetadataFetched fromStart = tail.fetch(-1, CONTROLLER);
    assertThat(fromStart.error()).isEqualTo(Errors.NONE);
    assertThat(fromStart.controllerId()).isEqualTo(CONTROLLER);
    assertThat(fromStart.lastOffset()).isEqualTo(30);
    assertThat(fromStart.image()).isEmpty();
    assertThat(offsets(fromStart)).containsExactly(10L, 20L, 30L);

    assertThat(offsets(tail.fetch(15, CONTROLLER))).containsExactly(20L, 30L);
    assertThat(offsets(tail.fetch(20, CONTROLLER))).containsExactly(30L);
  }

  @Test
  void shouldAnswerNothingWhenTheFetcherIsCaughtUp() {
    MetadataLogTail tail = new MetadataLogTail(100);
    appendBrokers(tail, MetadataImage.EMPTY, 2);

    MetadataFetched fetched = tail.fetch(20, CONTROLLER);
    assertThat(fetched.entries()).isEmpty();
    assertThat(fetched.image()).isEmpty();
    assertThat(fetched.lastOffset()).isEqualTo(20);
  }

  @Test
  void shouldAnswerTheWholeImageWhenOldEntriesWereDropped() {
    MetadataLogTail tail = new MetadataLogTail(2);
    MetadataImage image = appendBrokers(tail, MetadataImage.EMPTY, 4);

    MetadataFetched behind = tail.fetch(10, CONTROLLER);
    assertThat(behind.entries()).isEmpty();
    assertThat(behind.image()).isPresent();
    assertThat(behind.image().get().offset()).isEqualTo(40);
    assertThat(MetadataSnapshotFile.imageOf(40, behind.image().get().records()).brokers())
        .isEqualTo(image.brokers());
    // Entries 30 and 40 are still held: a fetcher at 20 gets them, not the image.
    assertThat(offsets(tail.fetch(20, CONTROLLER))).containsExactly(30L, 40L);
  }

  @Test
  void shouldAnswerTheImageWhenTheFetcherIsBeforeALoadedSnapshot() {
    MetadataLogTail tail = new MetadataLogTail(100);
    MetadataImage snapshot = appendBrokers(new MetadataLogTail(100), MetadataImage.EMPTY, 2);
    tail.reset(500, snapshot);

    MetadataFetched fetched = tail.fetch(-1, CONTROLLER);
    assertThat(fetched.image()).isPresent();
    assertThat(fetched.image().get().offset()).isEqualTo(500);
    assertThat(fetched.lastOffset()).isEqualTo(500);
    assertThat(tail.fetch(500, CONTROLLER).image()).isEmpty();
  }

  @Test
  void shouldAnswerTheImageWhenTheFetcherIsAheadOfTheLog() {
    MetadataLogTail tail = new MetadataLogTail(100);
    appendBrokers(tail, MetadataImage.EMPTY, 2);

    MetadataFetched fetched = tail.fetch(900, CONTROLLER);
    assertThat(fetched.image()).isPresent();
    assertThat(fetched.image().get().offset()).isEqualTo(20);
  }

  @Test
  void shouldBoundEntriesPerAnswer() {
    MetadataLogTail tail = new MetadataLogTail(5_000);
    appendBrokers(tail, MetadataImage.EMPTY, MetadataLogTail.MAX_ENTRIES_PER_FETCH + 5);

    MetadataFetched first = tail.fetch(-1, CONTROLLER);
    assertThat(first.entries()).hasSize(MetadataLogTail.MAX_ENTRIES_PER_FETCH);
    long last = first.entries().get(first.entries().size() - 1).lastOffset();
    assertThat(tail.fetch(last, CONTROLLER).entries()).hasSize(5);
  }
}
