package dev.brook.broker.metadata;

import dev.brook.broker.metadata.image.MetadataImage;
import dev.brook.broker.metadata.record.MetadataRecord;
import java.util.List;

/** Applies committed metadata records to the image and publishes the result. */
public final class MetadataApplier implements MetadataJournal.CommitHandler {

  private final MetadataCache cache;

  public MetadataApplier(MetadataCache cache) {
    this.cache = cache;
  }

  @Override
  public synchronized void onCommit(long lastOffset, List<MetadataRecord> records) {
    MetadataImage image = cache.image();
    long offset = lastOffset - records.size() + 1;
    for (MetadataRecord record : records) {
      image = image.apply(offset++, record);
    }
    cache.publish(image);
  }
}
