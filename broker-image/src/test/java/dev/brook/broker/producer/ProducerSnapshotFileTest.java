package dev.brook.broker.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.common.errors.CorruptRecordException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProducerSnapshotFileTest {

  @TempDir Path dir;

  @Test
  void shouldRoundTripEntriesWhenWrittenAndRead() throws Exception {
    ProducerStateEntry entry =
        new ProducerStateEntry(
            7L,
            (short) 2,
            List.of(
                new BatchMetadata(0, 4, 100, 104, 1000), new BatchMetadata(5, 5, 110, 110, 2000)),
            2000);
    Path file = dir.resolve("00000000000000000111.snapshot");

    ProducerSnapshotFile.write(file, List.of(entry));

    assertThat(ProducerSnapshotFile.read(file)).containsExactly(entry);
  }

  @Test
  void shouldRejectSnapshotWhenAByteIsFlipped() throws Exception {
    Path file = dir.resolve("00000000000000000001.snapshot");
    ProducerSnapshotFile.write(
        file,
        List.of(
            new ProducerStateEntry(1L, (short) 0, List.of(new BatchMetadata(0, 0, 0, 0, 5)), 5)));
    byte[] bytes = Files.readAllBytes(file);
    bytes[10] ^= 0x01;
    Files.write(file, bytes);

    assertThatThrownBy(() -> ProducerSnapshotFile.read(file))
        .isInstanceOf(CorruptRecordException.class);
  }

  @Test
  void shouldRetainOnlyTheLastFiveBatchesWhenMoreAreWritten() {
    ProducerStateEntry entry = ProducerStateEntry.empty(1L, (short) 0);
    for (int i = 0; i < 8; i++) {
      entry = entry.withBatch((short) 0, new BatchMetadata(i, i, i, i, i));
    }

    assertThat(entry.batches()).hasSize(5);
    assertThat(entry.batches().get(0).firstSeq()).isEqualTo(3);
    assertThat(entry.withBatch((short) 1, new BatchMetadata(0, 0, 9, 9, 9)).batches()).hasSize(1);
  }
}
