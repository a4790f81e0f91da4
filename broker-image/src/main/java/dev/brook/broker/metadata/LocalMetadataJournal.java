package dev.brook.broker.metadata;

import dev.brook.broker.log.Log;
import dev.brook.broker.log.LogAppendInfo;
import dev.brook.broker.log.LogConfig;
import dev.brook.broker.log.LogReadInfo;
import dev.brook.broker.metadata.record.MetadataRecord;
import dev.brook.broker.metadata.record.MetadataRecordSerde;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.Record;
import org.apache.kafka.common.record.RecordBatch;
import org.apache.kafka.common.record.SimpleRecord;
import org.apache.kafka.common.utils.Time;

/**
 * The metadata journal of a single-node cluster: a partition log in {@code __cluster_metadata-0}
 * holding one record batch per committed operation (so an operation's records are all or nothing:
 * recovery truncates a torn batch whole). Every append is fsynced before it counts as committed,
 * since no other replica holds a copy.
 *
 * <p>Appends are serialized by the controller thread; the journal itself also locks.
 */
public final class LocalMetadataJournal implements MetadataJournal {

  public static final TopicPartition METADATA_PARTITION =
      new TopicPartition("__cluster_metadata", 0);

  private static final int READ_CHUNK_BYTES = 1 << 20;

  private final Log log;
  private CommitHandler handler;

  private LocalMetadataJournal(Log log) {
    this.log = log;
  }

  public static LocalMetadataJournal open(Path logDir, Time time) throws IOException {
    Path dir = logDir.resolve(METADATA_PARTITION.topic() + "-" + METADATA_PARTITION.partition());
    LogConfig config = LogConfig.defaults().withOverrides(Map.of(LogConfig.RETENTION_MS, "-1"));
    // Always re-validated on open: the log is small, and a torn batch must not be replayed.
    return new LocalMetadataJournal(Log.open(dir, METADATA_PARTITION, null, config, time, false));
  }

  @Override
  public synchronized void start(CommitHandler commitHandler) {
    this.handler = commitHandler;
    long offset = log.logStartOffset();
    long end = log.logEndOffset();
    while (offset < end) {
      LogReadInfo read = log.read(offset, READ_CHUNK_BYTES, end, true);
      for (RecordBatch batch : read.records().batches()) {
        List<MetadataRecord> records = new ArrayList<>();
        for (Record record : batch) {
          records.add(MetadataRecordSerde.deserialize(bytesOf(record.value())));
        }
        if (!records.isEmpty()) {
          commitHandler.onCommit(batch.lastOffset(), records);
        }
        offset = batch.nextOffset();
      }
    }
    log.updateHighWatermark(end);
  }

  @Override
  public synchronized CompletableFuture<Long> append(List<MetadataRecord> records) {
    if (handler == null) {
      return CompletableFuture.failedFuture(new IllegalStateException("journal not started"));
    }
    SimpleRecord[] encoded =
        records.stream()
            .map(
                r ->
                    new SimpleRecord(
                        RecordBatch.NO_TIMESTAMP, null, MetadataRecordSerde.serialize(r)))
            .toArray(SimpleRecord[]::new);
    try {
      LogAppendInfo info =
          log.appendAsLeader(MemoryRecords.withRecords(Compression.NONE, encoded), 0);
      log.flush();
      log.updateHighWatermark(info.lastOffset() + 1);
      handler.onCommit(info.lastOffset(), records);
      return CompletableFuture.completedFuture(info.lastOffset());
    } catch (IOException e) {
      return CompletableFuture.failedFuture(new UncheckedIOException(e));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private static byte[] bytesOf(ByteBuffer buffer) {
    byte[] bytes = new byte[buffer.remaining()];
    buffer.duplicate().get(bytes);
    return bytes;
  }

  @Override
  public synchronized void close() {
    try {
      log.flush();
      log.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
