package dev.brook.broker.raft;

import dev.brook.broker.metadata.image.BrokerRegistration;
import dev.brook.broker.metadata.image.MetadataImage;
import dev.brook.broker.metadata.image.TopicImage;
import dev.brook.broker.metadata.record.JournalEntry;
import dev.brook.broker.metadata.record.MetadataRecord;
import dev.brook.broker.metadata.record.MetadataRecord.AllocateProducerIds;
import dev.brook.broker.metadata.record.MetadataRecord.CreateTopic;
import dev.brook.broker.metadata.record.MetadataRecord.RegisterBroker;
import dev.brook.broker.metadata.record.MetadataRecord.RemoveTopic;
import dev.brook.broker.metadata.record.MetadataRecord.SetBrokerConfigs;
import dev.brook.broker.metadata.record.MetadataRecord.SetBrokerFenced;
import dev.brook.broker.metadata.record.MetadataRecord.SetPartition;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * A metadata image stored as the records that rebuild it from empty, so that a restart or a lagging
 * follower starts from the snapshot instead of replaying the whole Raft log.
 *
 * <pre>
 * file := magic:int32 ("BRKS") version:int8 (=0) crc32c:int32 length:int32 entry
 * </pre>
 *
 * where {@code entry} is a {@link JournalEntry} and the CRC covers it. Written to a temporary file
 * and renamed, so a crash never leaves a torn snapshot under the final name.
 */
final class MetadataSnapshotFile {

  private static final int MAGIC = 0x42524b53;
  private static final byte VERSION = 0;

  private MetadataSnapshotFile() {}

  static void write(Path file, MetadataImage image) throws IOException {
    ByteArrayOutputStream payload = new ByteArrayOutputStream();
    JournalEntry.write(recordsOf(image), payload);
    byte[] bytes = payload.toByteArray();
    CRC32C crc = new CRC32C();
    crc.update(bytes);
    Path temp = file.resolveSibling(file.getFileName() + ".tmp");
    try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(temp))) {
      out.writeInt(MAGIC);
      out.writeByte(VERSION);
      out.writeInt((int) crc.getValue());
      out.writeInt(bytes.length);
      out.write(bytes);
    }
    try (var channel =
        java.nio.channels.FileChannel.open(temp, java.nio.file.StandardOpenOption.WRITE)) {
      channel.force(true);
    }
    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  static List<MetadataRecord> read(Path file) throws IOException {
    try (DataInputStream in = new DataInputStream(Files.newInputStream(file))) {
      if (in.readInt() != MAGIC) {
        throw new IOException(file + " is not a Brook metadata snapshot");
      }
      byte version = in.readByte();
      if (version != VERSION) {
        throw new IOException(file + " has unknown snapshot version " + version);
      }
      int expectedCrc = in.readInt();
      byte[] bytes = in.readNBytes(in.readInt());
      CRC32C crc = new CRC32C();
      crc.update(bytes);
      if ((int) crc.getValue() != expectedCrc) {
        throw new IOException(file + " fails its CRC check");
      }
      return JournalEntry.decode(new ByteArrayInputStream(bytes));
    }
  }

  /** The image {@code records} rebuild from empty, as of {@code offset}. */
  static MetadataImage imageOf(long offset, List<MetadataRecord> records) {
    MetadataImage image = MetadataImage.EMPTY;
    for (MetadataRecord record : records) {
      image = image.apply(offset, record);
    }
    return image;
  }

  /**
   * What a node holding {@code current} applies on top of it to end at {@code loaded}, which {@code
   * records} rebuild from empty: a node jumping to a snapshot must also drop the topics deleted in
   * the entries it skipped, and the broker config overrides cleared there. Brokers are never
   * removed, so re-registering them is enough.
   */
  static List<MetadataRecord> replacing(
      MetadataImage current, MetadataImage loaded, List<MetadataRecord> records) {
    List<MetadataRecord> delivered = new ArrayList<>();
    for (TopicImage topic : current.topicsByName().values()) {
      if (loaded.topic(topic.id()).isEmpty()) {
        delivered.add(new RemoveTopic(topic.id()));
      }
    }
    for (int brokerId : current.brokerConfigs().keySet()) {
      if (!loaded.brokerConfigs().containsKey(brokerId)) {
        delivered.add(new SetBrokerConfigs(brokerId, Map.of()));
      }
    }
    delivered.addAll(records);
    return delivered;
  }

  /** Records that, applied in order to an empty image, rebuild {@code image}. */
  static List<MetadataRecord> recordsOf(MetadataImage image) {
    List<MetadataRecord> records = new ArrayList<>();
    for (BrokerRegistration broker : image.brokers().values()) {
      records.add(
          new RegisterBroker(broker.id(), broker.epoch(), broker.rack(), broker.endpoints()));
      if (broker.fenced()) {
        records.add(new SetBrokerFenced(broker.id(), true));
      }
    }
    for (TopicImage topic : image.topicsByName().values()) {
      records.add(new CreateTopic(topic.name(), topic.id(), topic.configs()));
      topic.partitions().forEach((index, p) -> records.add(new SetPartition(topic.id(), index, p)));
    }
    image
        .brokerConfigs()
        .forEach((brokerId, configs) -> records.add(new SetBrokerConfigs(brokerId, configs)));
    if (image.nextProducerId() > 0) {
      records.add(new AllocateProducerIds(-1, image.nextProducerId()));
    }
    return records;
  }
}
