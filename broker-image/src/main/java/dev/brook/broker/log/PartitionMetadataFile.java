package dev.brook.broker.log;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.Uuid;

/**
 * {@code partition.metadata}: the topic id of the partition directory, so that a directory left
 * behind by a deleted topic is never mistaken for a new topic of the same name. A {@link
 * CheckpointFile} with one line, "topic_id &lt;base64 uuid&gt;".
 */
public final class PartitionMetadataFile {

  public static final String FILE_NAME = "partition.metadata";
  private static final int VERSION = 0;
  private static final String TOPIC_ID = "topic_id ";

  private final CheckpointFile checkpoint;

  public PartitionMetadataFile(Path partitionDir) {
    this.checkpoint = new CheckpointFile(partitionDir.resolve(FILE_NAME), VERSION);
  }

  public void write(Uuid topicId) {
    checkpoint.write(List.of(TOPIC_ID + topicId));
  }

  public Optional<Uuid> read() {
    return checkpoint
        .read()
        .filter(lines -> lines.size() == 1 && lines.get(0).startsWith(TOPIC_ID))
        .map(lines -> Uuid.fromString(lines.get(0).substring(TOPIC_ID.length())));
  }
}
