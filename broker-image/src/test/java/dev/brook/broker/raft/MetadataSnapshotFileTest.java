package dev.brook.broker.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brook.broker.config.Listener;
import dev.brook.broker.metadata.image.MetadataImage;
import dev.brook.broker.metadata.image.PartitionRegistration;
import dev.brook.broker.metadata.record.MetadataRecord;
import dev.brook.broker.metadata.record.MetadataRecord.AllocateProducerIds;
import dev.brook.broker.metadata.record.MetadataRecord.CreateTopic;
import dev.brook.broker.metadata.record.MetadataRecord.RegisterBroker;
import dev.brook.broker.metadata.record.MetadataRecord.SetBrokerConfigs;
import dev.brook.broker.metadata.record.MetadataRecord.SetBrokerFenced;
import dev.brook.broker.metadata.record.MetadataRecord.SetPartition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.Uuid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetadataSnapshotFileTest {

  @TempDir Path dir;

  static MetadataImage sampleImage() {
    Uuid id = Uuid.fromString("AAAAAAAAAAAAAAAAAAAAAQ");
    List<MetadataRecord> log =
        List.of(
            new RegisterBroker(
                1, 5L, Optional.of("a"), List.of(new Listener("PLAINTEXT", "127.0.0.1", 9092))),
            new RegisterBroker(2, 6L, Optional.empty(), List.of()),
            new SetBrokerFenced(2, true),
            new CreateTopic("orders", id, Map.of("retention.ms", "1000")),
            new SetPartition(id, 0, new PartitionRegistration(List.of(1, 2), List.of(1), 1, 3, 4)),
            new SetBrokerConfigs(2, Map.of("cordoned.log.dirs", "*")),
            new AllocateProducerIds(1, 3000));
    MetadataImage image = MetadataImage.EMPTY;
    long offset = 0;
    for (MetadataRecord record : log) {
      image = image.apply(offset++, record);
    }
    return image;
  }

  @Test
  void shouldRebuildTheSameImageWhenReadBack() throws IOException {
    MetadataImage image = sampleImage();
    Path file = dir.resolve("snapshot.1_6");
    MetadataSnapshotFile.write(file, image);
    MetadataImage rebuilt = MetadataImage.EMPTY;
    for (MetadataRecord record : MetadataSnapshotFile.read(file)) {
      rebuilt = rebuilt.apply(6, record);
    }
    assertThat(rebuilt.brokers()).isEqualTo(image.brokers());
    assertThat(rebuilt.topicsByName()).isEqualTo(image.topicsByName());
    assertThat(rebuilt.nextProducerId()).isEqualTo(3000);
    assertThat(rebuilt.brokerConfigs()).isEqualTo(image.brokerConfigs()).containsKey(2);
  }

  @Test
  void shouldRefuseFileWhenPayloadIsCorrupt() throws IOException {
    Path file = dir.resolve("snapshot.1_6");
    MetadataSnapshotFile.write(file, sampleImage());
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length - 3] ^= 0x5a;
    Files.write(file, bytes);
    assertThatThrownBy(() -> MetadataSnapshotFile.read(file)).hasMessageContaining("CRC");
  }
}
